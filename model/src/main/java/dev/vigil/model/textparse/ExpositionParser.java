package dev.vigil.model.textparse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A pull parser for a metrics exposition body, in the manner of a StAX reader: {@link #next()}
 * moves to the next entry and the accessors describe it. No object is created per sample.
 *
 * <pre>{@code
 * ExpositionParser p = ExpositionFormat.PROMETHEUS_TEXT.newParser(body, 0, length, options);
 * for (Entry e = p.next(); e != Entry.EOF; e = p.next()) {
 *     if (e == Entry.SERIES) {
 *         long ref = cache.lookup(p.seriesBuffer(), p.seriesOffset(), p.seriesLength());
 *         if (ref == 0) { ... build labels from p.metricName(), p.labelName(i), p.labelValue(i) ... }
 *         appender.append(ref, labels, p.hasTimestamp() ? p.timestampMs() : scrapeTime, p.value());
 *     }
 * }
 * }</pre>
 *
 * <p><b>Lifetime of views.</b> Everything an accessor exposes describes the current entry only and
 * is valid until the next call to {@code next()} or {@code reset(...)}: in particular
 * {@link #seriesBuffer()} may be refilled or replaced by a streaming parser. Strings returned by
 * accessors are ordinary immutable strings and may be kept.
 *
 * <p><b>Errors.</b> {@code next()} throws {@link TextParseException} naming the line, column and
 * reason. The parser is then positioned after the offending line; Prometheus fails the whole
 * scrape on the first error, and so should scrapers. A streaming parser reports I/O failures of its
 * stream as {@link UncheckedIOException}.
 *
 * <p>Not thread-safe: one parser per thread. Reuse a parser for the next body with {@link #reset}.
 */
public abstract sealed class ExpositionParser permits PrometheusTextParser, OpenMetricsParser {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    static final byte METRIC_START = 1;
    static final byte METRIC_PART = 2;
    static final byte LABEL_START = 4;
    static final byte LABEL_PART = 8;
    static final byte[] CHAR_CLASS = new byte[256];

    static {
        for (int c = 0; c < 256; c++) {
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
            boolean digit = c >= '0' && c <= '9';
            int k = 0;
            if (letter || c == ':') {
                k |= METRIC_START | METRIC_PART;
            }
            if (digit) {
                k |= METRIC_PART | LABEL_PART;
            }
            if (letter) {
                k |= LABEL_START | LABEL_PART;
            }
            CHAR_CLASS[c] = (byte) k;
        }
    }

    private static final int SNIPPET_BYTES = 160;

    // ---- input window: [pos, limit) of buf is unread; streaming parsers refill it ----
    byte[] buf;
    int pos;
    int limit;
    boolean endOfInput;
    private int newlineScanFrom;
    private final InputStream in;
    private final int maxLineBytes;

    // ---- current line ----
    int lineStart;
    int lineEnd;
    boolean lineTerminated;
    long lineNumber;

    // ---- current entry ----
    Entry entry;
    int nameStart;
    int nameEnd;
    int nameFlags;
    int seriesStart;
    int seriesEnd;
    final LabelSpans labels = new LabelSpans();
    double value;
    boolean hasTimestamp;
    long timestampMs;
    boolean hasExemplar;
    final LabelSpans exemplarLabels = new LabelSpans();
    double exemplarValue;
    boolean exemplarHasTimestamp;
    long exemplarTimestampMs;
    int textStart;
    int textEnd;
    FamilyType declaredType;
    FamilyType familyType = FamilyType.UNKNOWN;

    /** Set by {@link #scanQuoted}: whether the string had a backslash or a byte above 0x7F. */
    int quotedFlags;

    final SymbolCache symbols;
    private byte[] scratch = new byte[64];
    private final FloatSpellings floatSpellings = new FloatSpellings();

    ExpositionParser(byte[] b, int off, int len, ParserOptions options) {
        this.symbols = options.symbols() != null ? options.symbols() : new SymbolCache();
        this.in = null;
        this.maxLineBytes = Integer.MAX_VALUE;
        reset(b, off, len);
    }

    ExpositionParser(InputStream in, ParserOptions options) {
        this.symbols = options.symbols() != null ? options.symbols() : new SymbolCache();
        this.in = in;
        this.maxLineBytes = options.maxLineBytes();
        this.buf = new byte[Math.min(options.streamBufferBytes(), options.maxLineBytes() + 1)];
        startOver(0, 0, false);
    }

    /** Parses {@code b[off, off+len)} next, keeping this parser's buffers and symbol cache. */
    public final void reset(byte[] b, int off, int len) {
        if (in != null) {
            throw new IllegalStateException("a streaming parser reads its stream only");
        }
        if (off < 0 || len < 0 || off + len > b.length) {
            throw new IndexOutOfBoundsException("range [" + off + ", " + (off + len) + ") of " + b.length + " bytes");
        }
        this.buf = b;
        startOver(off, off + len, true);
    }

    private void startOver(int from, int to, boolean whole) {
        pos = from;
        limit = to;
        endOfInput = whole;
        newlineScanFrom = from;
        lineStart = from;
        lineEnd = from;
        lineNumber = 0;
        entry = null;
        familyType = FamilyType.UNKNOWN;
        onReset();
    }

    void onReset() {}

    /**
     * Moves to the next entry. Returns {@link Entry#EOF} at the end of the input, and again on
     * every later call.
     */
    public abstract Entry next() throws TextParseException;

    /** The format this parser reads. */
    public abstract ExpositionFormat format();

    /** The 1-based line number of the current entry (the last line read, after EOF). */
    public final long lineNumber() {
        return lineNumber;
    }

    // ---------------------------------------------------------------- series accessors

    /**
     * The metric name of the current SERIES, HELP, TYPE or UNIT entry, unescaped if it was quoted.
     * Interned through this parser's {@link SymbolCache}.
     */
    public final String metricName() {
        return string(nameStart, nameEnd, nameFlags & (LabelSpans.NAME_ESCAPED | LabelSpans.NAME_NON_ASCII), false);
    }

    /** Number of labels of the current sample, not counting the metric name. */
    public final int labelCount() {
        return labels.count;
    }

    /** Name of label {@code i} (0-based, in input order) of the current sample, unescaped. */
    public final String labelName(int i) {
        checkLabel(i, labels);
        int k = i << 2;
        return string(labels.spans[k], labels.spans[k + 1], labels.flags[i], false);
    }

    /**
     * Value of label {@code i} of the current sample, unescaped. As in Prometheus 3, {@code le} of a
     * histogram and {@code quantile} of a summary are normalised ({@code "1"} becomes {@code "1.0"}).
     */
    public final String labelValue(int i) {
        checkLabel(i, labels);
        int k = i << 2;
        int vs = labels.spans[k + 2];
        int ve = labels.spans[k + 3];
        int flags = labels.flags[i] >> 2;
        if (needsFloatNormalising(labels.spans[k], labels.spans[k + 1])) {
            return normalisedFloat(vs, ve, flags);
        }
        return string(vs, ve, flags, false);
    }

    /** The OpenMetrics spelling of a float label value; the raw text if it is no float. */
    private String normalisedFloat(int vs, int ve, int flags) {
        double v;
        try {
            if ((flags & LabelSpans.NAME_ESCAPED) == 0) {
                v = Floats.parse(buf, vs, ve);
            } else {
                byte[] raw = string(vs, ve, flags, false).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                v = Floats.parse(raw, 0, raw.length);
            }
        } catch (Floats.BadNumber e) {
            return string(vs, ve, flags, false);
        }
        return floatSpellings.get(v);
    }

    private boolean needsFloatNormalising(int ns, int ne) {
        byte[] b = buf;
        if (familyType == FamilyType.HISTOGRAM) {
            return ne - ns == 2 && b[ns] == 'l' && b[ns + 1] == 'e';
        }
        if (familyType == FamilyType.SUMMARY) {
            return ne - ns == 8 && Arrays.equals(b, ns, ne, QUANTILE, 0, 8);
        }
        return false;
    }

    private static final byte[] QUANTILE = {'q', 'u', 'a', 'n', 't', 'i', 'l', 'e'};

    /** The sample value. NaN is Prometheus's normal NaN (bits {@code 0x7ff8000000000001}). */
    public final double value() {
        return value;
    }

    /** Whether the sample carried a timestamp. */
    public final boolean hasTimestamp() {
        return hasTimestamp;
    }

    /**
     * The sample's timestamp in milliseconds since the epoch. OpenMetrics timestamps are seconds
     * with a fraction; they are converted exactly, sub-millisecond digits truncated toward zero.
     */
    public final long timestampMs() {
        return timestampMs;
    }

    /**
     * The array holding the raw series text {@code name{labels}} of the current sample, from the
     * first byte of the name (or of the brace) through the closing brace. Identical raw text means
     * an identical series, so a scraper can map it to a cached series reference without building
     * labels (Prometheus's scrape cache). The array is the input buffer: do not modify it, and copy
     * the range before calling {@code next()} again if you keep it.
     */
    public final byte[] seriesBuffer() {
        return buf;
    }

    public final int seriesOffset() {
        return seriesStart;
    }

    public final int seriesLength() {
        return seriesEnd - seriesStart;
    }

    /**
     * Fails if the current sample names a label twice (counting the metric name as
     * {@code __name__}). Prometheus checks this when appending, after a scrape-cache miss, not while
     * parsing; call it on the same path, since it costs a pairwise comparison.
     */
    public final void requireUniqueLabelNames() throws TextParseException {
        int n = labels.count;
        for (int i = 0; i < n; i++) {
            String a = labelName(i);
            if (a.equals("__name__")) {
                throw error(labels.spans[i << 2], "label name \"__name__\" is not unique");
            }
            for (int j = i + 1; j < n; j++) {
                if (a.equals(labelName(j))) {
                    throw error(labels.spans[j << 2], "label name " + quoteString(a) + " is not unique");
                }
            }
        }
    }

    // ---------------------------------------------------------------- exemplar accessors

    /** Whether the current OpenMetrics sample has an exemplar ({@code # {labels} value [ts]}). */
    public final boolean hasExemplar() {
        return hasExemplar;
    }

    public final int exemplarLabelCount() {
        return exemplarLabels.count;
    }

    public final String exemplarLabelName(int i) {
        checkLabel(i, exemplarLabels);
        int k = i << 2;
        return string(exemplarLabels.spans[k], exemplarLabels.spans[k + 1], exemplarLabels.flags[i], false);
    }

    public final String exemplarLabelValue(int i) {
        checkLabel(i, exemplarLabels);
        int k = i << 2;
        return string(exemplarLabels.spans[k + 2], exemplarLabels.spans[k + 3], exemplarLabels.flags[i] >> 2, false);
    }

    public final double exemplarValue() {
        return exemplarValue;
    }

    public final boolean exemplarHasTimestamp() {
        return exemplarHasTimestamp;
    }

    public final long exemplarTimestampMs() {
        return exemplarTimestampMs;
    }

    // ---------------------------------------------------------------- metadata accessors

    /**
     * Where the raw text of the current HELP or UNIT entry starts in {@link #seriesBuffer()}, escapes unresolved.
     * Identical raw text means identical help (or unit), so a scraper can tell a change without building strings;
     * valid until the next call to {@code next()}.
     */
    public final int metadataTextOffset() {
        return textStart;
    }

    /** The length in bytes of the raw text of the current HELP or UNIT entry; see {@link #metadataTextOffset()}. */
    public final int metadataTextLength() {
        return textEnd - textStart;
    }

    /** The unescaped help text of the current HELP entry. */
    public final String help() {
        return helpText(textStart, textEnd);
    }

    abstract String helpText(int from, int to);

    /** The type declared by the current TYPE entry. */
    public final FamilyType type() {
        return declaredType;
    }

    /** The unit of the current UNIT entry (may be empty). */
    public final String unit() {
        return SymbolCache.decode(buf, textStart, textEnd - textStart);
    }

    /** The current COMMENT line from its {@code #} on, as Prometheus reports it. */
    public final String comment() {
        return SymbolCache.decode(buf, textStart, textEnd - textStart);
    }

    /**
     * The type of the most recent TYPE line, {@link FamilyType#UNKNOWN} before any. Like Prometheus,
     * the parser does not check that a sample belongs to that family; the type only decides whether
     * {@code le}/{@code quantile} values are normalised.
     */
    public final FamilyType familyType() {
        return familyType;
    }

    // ---------------------------------------------------------------- line handling

    /** Moves to the next line; false at the end of the input. */
    final boolean advanceLine() throws TextParseException {
        while (true) {
            if (pos < limit) {
                int nl = indexOfNewline(buf, Math.max(pos, newlineScanFrom), limit);
                if (nl >= 0) {
                    lineStart = pos;
                    lineEnd = nl;
                    lineTerminated = true;
                    pos = nl + 1;
                    lineNumber++;
                    return true;
                }
                if (endOfInput) {
                    lineStart = pos;
                    lineEnd = limit;
                    lineTerminated = false;
                    pos = limit;
                    lineNumber++;
                    return true;
                }
                newlineScanFrom = limit;
            } else if (endOfInput) {
                lineStart = lineEnd = limit;
                return false;
            }
            refill();
        }
    }

    /** Keeps the unfinished line, makes room (growing up to the line limit) and reads more. */
    private void refill() throws TextParseException {
        int keep = limit - pos;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, keep);
            newlineScanFrom -= pos;
            pos = 0;
            limit = keep;
        }
        if (limit == buf.length) {
            if (buf.length > maxLineBytes) {
                // The line cannot be skipped without reading it whole, so every later call
                // reports it again; the line number is that of the long line each time.
                lineStart = 0;
                lineEnd = limit;
                lineNumber++;
                TextParseException tooLong = error(maxLineBytes, "line longer than " + maxLineBytes + " bytes");
                lineNumber--;
                throw tooLong;
            }
            long grown = Math.min((long) buf.length * 2, (long) maxLineBytes + 1);
            buf = Arrays.copyOf(buf, (int) grown);
        }
        try {
            while (limit < buf.length) {
                int n = in.read(buf, limit, buf.length - limit);
                if (n < 0) {
                    endOfInput = true;
                    return;
                }
                limit += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read exposition stream after line " + lineNumber, e);
        }
    }

    /** Finds '\n' eight bytes at a time (SWAR); the newline search is a pass over every byte. */
    static int indexOfNewline(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long w = (long) LONGS.get(b, i) ^ 0x0A0A0A0A0A0A0A0AL;
            long zero = (w - 0x0101010101010101L) & ~w & 0x8080808080808080L;
            if (zero != 0) {
                return i + (Long.numberOfTrailingZeros(zero) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- shared lexing

    /**
     * Scans a quoted string whose opening quote is at {@code i}; returns the index after the closing
     * quote, or -1 if the line ends first. Sets {@link #quotedFlags}.
     */
    final int scanQuoted(int i) {
        final byte[] b = buf;
        final int end = lineEnd;
        int flags = 0;
        int j = i + 1;
        while (j < end) {
            // Skip eight plain bytes at a time: no quote, no backslash, nothing above 0x7F.
            while (j + 8 <= end) {
                long w = (long) LONGS.get(b, j);
                long quote = w ^ 0x2222222222222222L;
                long slash = w ^ 0x5C5C5C5C5C5C5C5CL;
                long special = ((quote - 0x0101010101010101L) & ~quote) | ((slash - 0x0101010101010101L) & ~slash) | w;
                special &= 0x8080808080808080L;
                if (special != 0) {
                    j += Long.numberOfTrailingZeros(special) >>> 3;
                    break;
                }
                j += 8;
            }
            if (j >= end) {
                break;
            }
            byte c = b[j];
            if (c == '"') {
                quotedFlags = flags;
                return j + 1;
            }
            if (c == '\\') {
                flags |= LabelSpans.NAME_ESCAPED;
                j += 2;
                continue;
            }
            if (c < 0) {
                flags |= LabelSpans.NAME_NON_ASCII;
            }
            j++;
        }
        return -1;
    }

    final int skipBlanks(int i) {
        final byte[] b = buf;
        final int end = lineEnd;
        while (i < end) {
            byte c = b[i];
            if (c != ' ' && c != '\t') {
                return i;
            }
            i++;
        }
        return i;
    }

    final int scanMetricName(int i) {
        final byte[] b = buf;
        final byte[] classes = CHAR_CLASS;
        final int end = lineEnd;
        while (i < end && (classes[b[i] & 0xFF] & METRIC_PART) != 0) {
            i++;
        }
        return i;
    }

    final boolean isMetricNameStart(int i) {
        return i < lineEnd && (CHAR_CLASS[buf[i] & 0xFF] & METRIC_START) != 0;
    }

    /**
     * Parses a label set after its '{' at {@code i}, into {@code into}; returns the index after the
     * closing brace. {@code strict} applies OpenMetrics's rules (no blanks, labels separated by
     * exactly one comma); the Prometheus text format allows blanks and, like Prometheus, even a
     * missing comma. A quoted string standing alone names the metric, except in exemplars.
     */
    final int parseLabels(int i, LabelSpans into, boolean strict, boolean exemplar) throws TextParseException {
        final byte[] b = buf;
        final int end = lineEnd;
        into.count = 0;
        while (true) {
            if (!strict) {
                i = skipBlanks(i);
            }
            if (i >= end) {
                throw error(i, "expected label name, got " + got(i));
            }
            byte c = b[i];
            if (c == '}') {
                return i + 1;
            }
            int ns;
            int ne;
            int flags;
            boolean quoted;
            if ((CHAR_CLASS[c & 0xFF] & LABEL_START) != 0) {
                ns = i;
                int j = i + 1;
                while (j < end && (CHAR_CLASS[b[j] & 0xFF] & LABEL_PART) != 0) {
                    j++;
                }
                ne = j;
                i = j;
                flags = 0;
                quoted = false;
            } else if (c == '"') {
                int j = scanQuoted(i);
                if (j < 0) {
                    throw error(i, "expected label name, got " + got(i));
                }
                ns = i + 1;
                ne = j - 1;
                flags = quotedFlags;
                i = j;
                quoted = true;
            } else {
                throw error(i, "expected label name, got " + got(i));
            }
            if (!strict) {
                i = skipBlanks(i);
            }
            if (quoted && i < end && (b[i] == ',' || b[i] == '}')) {
                if (exemplar) {
                    throw error(i, "expected equal, got " + got(i));
                }
                if (nameStart >= 0) {
                    throw error(ns - 1, "metric name already set");
                }
                checkQuotedName(ns, ne, flags, "metric");
                nameStart = ns;
                nameEnd = ne;
                nameFlags = flags;
                if (b[i] == '}') {
                    return i + 1;
                }
                i++;
                continue;
            }
            if (i >= end || b[i] != '=') {
                throw error(i, "expected equal, got " + got(i));
            }
            i++;
            if (!strict) {
                i = skipBlanks(i);
            }
            if (i >= end || b[i] != '"') {
                throw error(i, "expected label value, got " + got(i));
            }
            int j = scanQuoted(i);
            if (j < 0) {
                throw error(i, "expected label value, got " + got(i));
            }
            int valueFlags = quotedFlags;
            if ((valueFlags & LabelSpans.NAME_NON_ASCII) != 0 && !Utf8.isValid(b, i + 1, j - 1)) {
                throw error(i, "invalid UTF-8 label value: " + Quote.go(b, i, j, 64));
            }
            if (quoted) {
                checkQuotedName(ns, ne, flags, "label");
            }
            into.add(ns, ne, i + 1, j - 1, flags | (valueFlags << 2));
            i = j;
            if (strict) {
                if (i < end && b[i] == ',') {
                    i++;
                } else if (i < end && b[i] == '}') {
                    return i + 1;
                } else {
                    throw error(i, "expected comma or brace close, got " + got(i));
                }
            } else {
                i = skipBlanks(i);
                if (i < end && b[i] == ',') {
                    i++;
                }
            }
        }
    }

    private void checkQuotedName(int ns, int ne, int flags, String what) throws TextParseException {
        if (ns == ne) {
            throw error(ns - 1, "invalid " + what + " name: empty");
        }
        if ((flags & LabelSpans.NAME_NON_ASCII) != 0 && !Utf8.isValid(buf, ns, ne)) {
            throw error(ns - 1, "invalid UTF-8 " + what + " name: " + Quote.go(buf, ns - 1, ne + 1, 64));
        }
    }

    /** Parses a metric name after HELP/TYPE/UNIT: bare or quoted. Returns the index after it. */
    final int parseMetaName(int i, String keyword) throws TextParseException {
        if (i < lineEnd && buf[i] == '"') {
            int j = scanQuoted(i);
            if (j < 0) {
                throw error(i, "expected metric name after " + keyword + ", got " + got(i));
            }
            checkQuotedName(i + 1, j - 1, quotedFlags, "metric");
            nameStart = i + 1;
            nameEnd = j - 1;
            nameFlags = quotedFlags;
            return j;
        }
        if (!isMetricNameStart(i)) {
            throw error(i, "expected metric name after " + keyword + ", got " + got(i));
        }
        nameStart = i;
        nameEnd = scanMetricName(i + 1);
        nameFlags = 0;
        return nameEnd;
    }

    final double parseValue(int from, int to, String after) throws TextParseException {
        if (from == to) {
            throw error(from, "expected value after " + after + ", got " + got(from));
        }
        try {
            return Floats.parse(buf, from, to);
        } catch (Floats.BadNumber e) {
            throw error(from, e.getMessage());
        }
    }

    // ---------------------------------------------------------------- strings

    /**
     * Decodes {@code buf[from, to)}; {@code flags} bit 1 = has backslash escapes, bit 2 = non-ASCII.
     * {@code helpEscapes} limits escapes to {@code \\} and {@code \n} (text-format HELP).
     */
    final String string(int from, int to, int flags, boolean helpEscapes) {
        if ((flags & LabelSpans.NAME_ESCAPED) == 0) {
            return symbols.get(buf, from, to - from);
        }
        int n = unescape(from, to, helpEscapes);
        return symbols.get(scratch, 0, n);
    }

    private int unescape(int from, int to, boolean helpEscapes) {
        if (scratch.length < to - from) {
            scratch = new byte[Math.max(to - from, scratch.length * 2)];
        }
        final byte[] b = buf;
        final byte[] out = scratch;
        int n = 0;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == '\\' && i + 1 < to) {
                byte e = b[i + 1];
                if (e == '\\' || (e == '"' && !helpEscapes)) {
                    out[n++] = e;
                    i++;
                    continue;
                }
                if (e == 'n') {
                    out[n++] = '\n';
                    i++;
                    continue;
                }
            }
            out[n++] = c;
        }
        return n;
    }

    final int flagsOf(int from, int to) {
        int flags = 0;
        final byte[] b = buf;
        for (int i = from; i < to; i++) {
            if (b[i] == '\\') {
                flags |= LabelSpans.NAME_ESCAPED;
            } else if (b[i] < 0) {
                flags |= LabelSpans.NAME_NON_ASCII;
            }
        }
        return flags;
    }

    private static void checkLabel(int i, LabelSpans spans) {
        if (i < 0 || i >= spans.count) {
            throw new IndexOutOfBoundsException("label " + i + " of " + spans.count);
        }
    }

    private static String quoteString(String s) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return Quote.go(b, 0, b.length, 64);
    }

    // ---------------------------------------------------------------- errors

    /** Describes what stands at {@code i}, for "expected X, got Y" messages. */
    final String got(int i) {
        if (i >= lineEnd) {
            return lineTerminated ? "\"\\n\"" : "EOF";
        }
        int j = i + 1;
        while (buf[i] != ' '
                && buf[i] != '\t'
                && buf[i] != ','
                && buf[i] != '='
                && j < lineEnd
                && j - i < 16
                && DELIMITERS.indexOf(buf[j]) < 0) {
            j++;
        }
        return Quote.go(buf, i, j, 16);
    }

    private static final String DELIMITERS = " \t,{}=\"";

    final TextParseException error(int at, String reason) {
        int column = Math.max(0, at - lineStart) + 1;
        int from = lineStart;
        int to = lineEnd;
        String prefix = "";
        if (to - from > SNIPPET_BYTES) {
            from = Math.max(lineStart, Math.min(at, lineEnd) - SNIPPET_BYTES / 2);
            to = Math.min(lineEnd, from + SNIPPET_BYTES);
            prefix = from > lineStart ? "..." : "";
        }
        StringBuilder snippet = new StringBuilder(prefix).append(Quote.go(buf, from, to, SNIPPET_BYTES));
        if (to < lineEnd && snippet.charAt(snippet.length() - 1) != '.') {
            snippet.append("...");
        }
        return new TextParseException(reason, lineNumber, column, snippet.toString());
    }
}
