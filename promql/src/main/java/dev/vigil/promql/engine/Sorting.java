package dev.vigil.promql.engine;

import dev.vigil.promql.value.Vector;
import java.util.List;

/** {@code sort}, {@code sort_desc}, {@code sort_by_label} and {@code sort_by_label_desc}. */
final class Sorting {
    private Sorting() {}

    static Vector byValue(Vector in, boolean descending) {
        IndexSort.Comparator cmp = (a, b) -> {
            double x = in.value(a);
            double y = in.value(b);
            boolean xn = Double.isNaN(x);
            boolean yn = Double.isNaN(y);
            if (xn || yn) {
                return Boolean.compare(xn, yn);
            }
            return descending ? Double.compare(y, x) : Double.compare(x, y);
        };
        return sorted(in, cmp);
    }

    static Vector byLabels(Vector in, List<String> names, boolean descending) {
        IndexSort.Comparator cmp = (a, b) -> {
            for (String name : names) {
                int c = NaturalOrder.compare(
                        in.labels(a).get(name), in.labels(b).get(name));
                if (c != 0) {
                    return descending ? -c : c;
                }
            }
            int c = in.labels(a).compareTo(in.labels(b));
            return descending ? -c : c;
        };
        return sorted(in, cmp);
    }

    private static Vector sorted(Vector in, IndexSort.Comparator cmp) {
        int[] idx = IndexSort.identity(in.size());
        IndexSort.sort(idx, idx.length, cmp);
        Vector out = new Vector(in.size());
        for (int i : idx) {
            out.addFrom(in, i);
        }
        return out;
    }

    /** Compares strings with runs of digits ordered by numeric value ("a2" before "a10"). */
    static final class NaturalOrder {
        private NaturalOrder() {}

        static int compare(String a, String b) {
            int i = 0;
            int j = 0;
            while (i < a.length() && j < b.length()) {
                char ca = a.charAt(i);
                char cb = b.charAt(j);
                if (Character.isDigit(ca) && Character.isDigit(cb)) {
                    int si = i;
                    int sj = j;
                    while (i < a.length() && Character.isDigit(a.charAt(i))) {
                        i++;
                    }
                    while (j < b.length() && Character.isDigit(b.charAt(j))) {
                        j++;
                    }
                    String na = a.substring(si, i).replaceFirst("^0+(?=.)", "");
                    String nb = b.substring(sj, j).replaceFirst("^0+(?=.)", "");
                    if (na.length() != nb.length()) {
                        return Integer.compare(na.length(), nb.length());
                    }
                    int c = na.compareTo(nb);
                    if (c != 0) {
                        return c;
                    }
                } else {
                    if (ca != cb) {
                        return Character.compare(ca, cb);
                    }
                    i++;
                    j++;
                }
            }
            return Integer.compare(a.length() - i, b.length() - j);
        }
    }
}
