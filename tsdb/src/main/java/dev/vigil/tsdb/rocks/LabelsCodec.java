package dev.vigil.tsdb.rocks;

import dev.vigil.model.labels.Labels;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Serializes labels as a count followed by length-prefixed UTF-8 names and values. */
final class LabelsCodec {
    private LabelsCodec() {}

    static byte[] encode(Labels labels) {
        byte[][] parts = new byte[labels.size() * 2][];
        int size = 4;
        for (int i = 0; i < labels.size(); i++) {
            parts[2 * i] = labels.name(i).getBytes(StandardCharsets.UTF_8);
            parts[2 * i + 1] = labels.value(i).getBytes(StandardCharsets.UTF_8);
            size += 8 + parts[2 * i].length + parts[2 * i + 1].length;
        }
        ByteBuffer out = ByteBuffer.allocate(size).putInt(labels.size());
        for (byte[] part : parts) {
            out.putInt(part.length).put(part);
        }
        return out.array();
    }

    static Labels decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int n = in.getInt();
        String[] nameValues = new String[n * 2];
        for (int i = 0; i < nameValues.length; i++) {
            int len = in.getInt();
            nameValues[i] = new String(bytes, in.position(), len, StandardCharsets.UTF_8);
            in.position(in.position() + len);
        }
        return Labels.of(nameValues);
    }
}
