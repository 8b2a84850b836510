package dev.vigil.model.relabel;

import dev.vigil.model.labels.LabelsBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One compiled {@link RelabelConfig}: templates parsed and the source label list flattened. Immutable. */
final class RelabelStep {
    private final RelabelAction action;
    private final String[] sourceLabels;
    private final String separator;
    private final Pattern pattern;
    private final long modulus;
    private final String targetLabel;
    /** Non-null when {@code target_label} holds group references ({@code replace} only). */
    private final ExpansionTemplate targetTemplate;

    private final ExpansionTemplate replacement;
    private final LabelNameScheme scheme;

    RelabelStep(RelabelConfig config, LabelNameScheme scheme) {
        this.action = config.action();
        this.sourceLabels = config.sourceLabels().toArray(String[]::new);
        this.separator = config.separator();
        this.pattern = config.regex().pattern();
        this.modulus = config.modulus();
        this.targetLabel = config.targetLabel();
        ExpansionTemplate target = ExpansionTemplate.parse(config.targetLabel(), config.regex());
        this.targetTemplate = action == RelabelAction.REPLACE && !target.isConstant() ? target : null;
        this.replacement = ExpansionTemplate.parse(config.replacement(), config.regex());
        this.scheme = scheme;
    }

    boolean needsScratch() {
        return sourceLabels.length > 1 || action == RelabelAction.REPLACE || action == RelabelAction.LABELMAP;
    }

    /** Applies this step; false when the label set is dropped. */
    boolean apply(LabelsBuilder builder, StringBuilder scratch) {
        switch (action) {
            case REPLACE -> replace(builder, scratch);
            case KEEP -> {
                return pattern.matcher(sourceValue(builder, scratch)).matches();
            }
            case DROP -> {
                return !pattern.matcher(sourceValue(builder, scratch)).matches();
            }
            case KEEPEQUAL -> {
                return builder.get(targetLabel).equals(sourceValue(builder, scratch));
            }
            case DROPEQUAL -> {
                return !builder.get(targetLabel).equals(sourceValue(builder, scratch));
            }
            case HASHMOD -> builder.set(targetLabel, hashMod(sourceValue(builder, scratch)));
            case LOWERCASE ->
                builder.set(targetLabel, sourceValue(builder, scratch).toLowerCase(Locale.ROOT));
            case UPPERCASE ->
                builder.set(targetLabel, sourceValue(builder, scratch).toUpperCase(Locale.ROOT));
            case LABELMAP -> labelMap(builder, scratch);
            case LABELDROP -> filterNames(builder, false);
            case LABELKEEP -> filterNames(builder, true);
        }
        return true;
    }

    private void replace(LabelsBuilder builder, StringBuilder scratch) {
        String value = sourceValue(builder, scratch);
        Matcher m = pattern.matcher(value);
        if (!m.matches()) {
            return;
        }
        String target = targetTemplate == null ? targetLabel : targetTemplate.expand(m, value, scratch);
        if (!scheme.isValid(target)) {
            return;
        }
        // An empty result deletes the target label: LabelsBuilder treats an empty value as absence.
        builder.set(target, replacement.expand(m, value, scratch));
    }

    private void labelMap(LabelsBuilder builder, StringBuilder scratch) {
        // Map over the labels as they were before this step, so that new names are not mapped again.
        int n = builder.size();
        String[] snapshot = new String[2 * n];
        for (int i = 0; i < n; i++) {
            snapshot[2 * i] = builder.nameAt(i);
            snapshot[2 * i + 1] = builder.valueAt(i);
        }
        for (int i = 0; i < snapshot.length; i += 2) {
            Matcher m = pattern.matcher(snapshot[i]);
            if (m.matches()) {
                String name = replacement.expand(m, snapshot[i], scratch);
                if (!name.isEmpty()) {
                    builder.set(name, snapshot[i + 1]);
                }
            }
        }
    }

    private void filterNames(LabelsBuilder builder, boolean keepMatching) {
        for (int i = builder.size() - 1; i >= 0; i--) {
            String name = builder.nameAt(i);
            if (pattern.matcher(name).matches() != keepMatching) {
                builder.del(name);
            }
        }
    }

    /** The source label values joined by the separator; absent labels contribute the empty string. */
    private String sourceValue(LabelsBuilder builder, StringBuilder scratch) {
        if (sourceLabels.length == 0) {
            return "";
        }
        if (sourceLabels.length == 1) {
            return builder.get(sourceLabels[0]);
        }
        scratch.setLength(0);
        for (int i = 0; i < sourceLabels.length; i++) {
            if (i > 0) {
                scratch.append(separator);
            }
            scratch.append(builder.get(sourceLabels[i]));
        }
        return scratch.toString();
    }

    /**
     * Prometheus's shard function: the MD5 digest of the value, its last eight bytes read as a big-endian unsigned
     * 64-bit integer, modulo the modulus. Matching it exactly lets Vigil and Prometheus replicas share one sharding.
     */
    private String hashMod(String value) {
        byte[] digest = md5().digest(value.getBytes(StandardCharsets.UTF_8));
        long hash = 0;
        for (int i = digest.length - 8; i < digest.length; i++) {
            hash = (hash << 8) | (digest[i] & 0xFF);
        }
        return Long.toUnsignedString(Long.remainderUnsigned(hash, modulus));
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("BUG: every Java platform must provide MD5", e);
        }
    }
}
