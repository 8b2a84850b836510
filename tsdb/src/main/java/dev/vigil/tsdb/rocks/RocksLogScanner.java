package dev.vigil.tsdb.rocks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * Checks RocksDB's write-ahead log files before the database is opened, so that recovery can say what it drops.
 * RocksDB opens in point-in-time mode: it replays each log up to the first record that is torn or corrupt and drops
 * the rest. This reader follows the documented log format (32 KiB blocks of checksummed physical records, each a
 * whole write batch or a fragment of one) and reports where that point is and which write batches lie beyond it.
 *
 * <p>A torn last record is what a crash in the middle of a write leaves; that write was never acknowledged, so nothing
 * committed is lost. Damage before the end drops acknowledged writes, and the report says so.
 */
public final class RocksLogScanner {
    private static final int BLOCK = 32 * 1024;
    private static final int HEADER = 7;
    private static final int RECYCLABLE_HEADER = 11;
    private static final int FULL = 1;
    private static final int FIRST = 2;
    private static final int MIDDLE = 3;
    private static final int LAST = 4;
    private static final Pattern LOG_FILE = Pattern.compile("\\d+\\.log");

    private RocksLogScanner() {}

    /** Problems in the log files of {@code dir}, one line each; empty when every log ends cleanly. */
    public static List<String> scan(Path dir) {
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return problems;
        }
        List<Path> logs = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path p : files) {
                if (LOG_FILE.matcher(p.getFileName().toString()).matches()) {
                    logs.add(p);
                }
            }
        } catch (IOException e) {
            problems.add("cannot list " + dir + " to check RocksDB's log files: " + e.getMessage());
            return problems;
        }
        logs.sort((a, b) -> Long.compare(number(a), number(b)));
        for (int i = 0; i < logs.size(); i++) {
            String problem = scanFile(logs.get(i), i == logs.size() - 1);
            if (problem != null) {
                problems.add(problem);
            }
        }
        return problems;
    }

    private static long number(Path p) {
        String name = p.getFileName().toString();
        return Long.parseLong(name.substring(0, name.length() - 4));
    }

    /** What one log file will lose, or null. */
    static String scanFile(Path file, boolean newest) {
        byte[] data;
        try (InputStream in = Files.newInputStream(file)) {
            data = in.readAllBytes();
        } catch (IOException e) {
            return "cannot read RocksDB log " + file.getFileName() + ": " + e.getMessage();
        }
        Scan scan = new Scan(data);
        scan.run();
        if (scan.badOffset < 0) {
            return null;
        }
        long dropped = scan.end - scan.badOffset;
        String where = "RocksDB log " + file.getFileName() + ": " + scan.badKind + " at byte " + scan.badOffset + " of "
                + data.length;
        if (scan.batchesAfter > 0) {
            return where + "; " + dropped + " bytes dropped, holding " + scan.batchesAfter
                    + " complete write batches (sequence numbers " + scan.firstSeqAfter + ".." + scan.lastSeqAfter
                    + ") that were acknowledged and are lost";
        }
        if (!newest) {
            return where + "; " + dropped + " bytes dropped from an older log, so the writes they held may be lost";
        }
        if (scan.torn) {
            return where + "; " + dropped + " bytes of an incomplete last write batch dropped (a write interrupted"
                    + " by a crash, never acknowledged, so no committed data is lost)";
        }
        return where + "; the last write batch (" + dropped + " bytes) is damaged and was dropped: unless a crash"
                + " interrupted that write, it was acknowledged and is lost";
    }

    /** One pass over a log file's bytes. */
    private static final class Scan {
        private final byte[] data;
        /** Where meaningful data ends: trailing zeros are preallocated space. */
        final int end;

        long badOffset = -1;
        String badKind;
        /** The damage is a record cut short at the end of the data, as a crash mid-write leaves it. */
        boolean torn;

        int batchesAfter;
        long firstSeqAfter = -1;
        long lastSeqAfter = -1;

        private int recordStart = -1;
        private java.io.ByteArrayOutputStream fragments;

        Scan(byte[] data) {
            this.data = data;
            int e = data.length;
            while (e > 0 && data[e - 1] == 0) {
                e--;
            }
            this.end = e;
        }

        void run() {
            int offset = 0;
            while (offset < end) {
                int blockEnd = (offset / BLOCK + 1) * BLOCK;
                if (blockEnd - offset < HEADER) {
                    offset = blockEnd; // trailer padding
                    continue;
                }
                int crc = readInt(offset);
                int length = (data[offset + 4] & 0xFF) | (data[offset + 5] & 0xFF) << 8;
                int type = data[offset + 6] & 0xFF;
                if (type == 0 && length == 0) {
                    offset = blockEnd; // preallocated, zero-filled space: RocksDB skips the rest of the block
                    continue;
                }
                int header = isRecyclable(type) ? RECYCLABLE_HEADER : HEADER;
                if (offset + header + length > Math.min(blockEnd, data.length)) {
                    torn = offset + header + length > end && blockEnd >= end;
                    bad(offset, "truncated record", blockEnd);
                    return;
                }
                CRC32C c = new CRC32C();
                c.update(data, offset + 6, header - 6 + length);
                if (unmask(crc) != (int) c.getValue()) {
                    // The length may be intact (a damaged payload): the next record would start right after.
                    bad(offset, "corrupt record (checksum mismatch)", offset + header + length);
                    return;
                }
                if (!fragment(offset, type, offset + header, length)) {
                    return;
                }
                offset += header + length;
            }
            if (recordStart >= 0) {
                torn = true;
                bad(recordStart, "truncated write batch", end);
            }
        }

        private boolean fragment(int offset, int type, int payload, int length) {
            int kind = isRecyclable(type) ? type - 4 : type;
            switch (kind) {
                case FULL -> recordStart = -1;
                case FIRST -> {
                    recordStart = offset;
                    fragments = new java.io.ByteArrayOutputStream();
                    fragments.write(data, payload, length);
                }
                case MIDDLE, LAST -> {
                    if (recordStart < 0) {
                        bad(offset, "write batch fragment without its start", (offset / BLOCK + 1) * BLOCK);
                        return false;
                    }
                    fragments.write(data, payload, length);
                    if (kind == LAST) {
                        recordStart = -1;
                    }
                }
                default -> {
                    // Metadata records (compression type, timestamp sizes): checksummed, no user data.
                }
            }
            return true;
        }

        private void bad(long offset, String kind, int resumeAt) {
            badOffset = offset;
            badKind = kind;
            if (!countBatchesAfter(resumeAt)) {
                countBatchesAfter(((int) offset / BLOCK + 1) * BLOCK);
            }
        }

        /**
         * Counts whole write batches from {@code from}, skipping damaged stretches to the next block boundary. Returns
         * false, counting nothing, when the first record at {@code from} does not check out.
         */
        private boolean countBatchesAfter(int from) {
            int offset = from;
            boolean first = true;
            boolean inFragment = false;
            while (offset < end) {
                int blockEnd = (offset / BLOCK + 1) * BLOCK;
                if (blockEnd - offset < HEADER) {
                    offset = blockEnd;
                    continue;
                }
                int length = (data[offset + 4] & 0xFF) | (data[offset + 5] & 0xFF) << 8;
                int type = data[offset + 6] & 0xFF;
                int header = isRecyclable(type) ? RECYCLABLE_HEADER : HEADER;
                if ((type == 0 && length == 0) || offset + header + length > Math.min(blockEnd, data.length)) {
                    if (first && offset < end) {
                        return false;
                    }
                    offset = blockEnd;
                    inFragment = false;
                    continue;
                }
                CRC32C c = new CRC32C();
                c.update(data, offset + 6, header - 6 + length);
                if (unmask(readInt(offset)) != (int) c.getValue()) {
                    if (first) {
                        return false;
                    }
                    offset = blockEnd;
                    inFragment = false;
                    continue;
                }
                first = false;
                int kind = isRecyclable(type) ? type - 4 : type;
                if (kind == FULL || kind == FIRST) {
                    if (length >= 8) {
                        long seq = readLong(offset + header);
                        if (firstSeqAfter < 0) {
                            firstSeqAfter = seq;
                        }
                        lastSeqAfter = seq;
                    }
                    if (kind == FULL) {
                        batchesAfter++;
                    } else {
                        inFragment = true;
                    }
                } else if (kind == LAST && inFragment) {
                    batchesAfter++;
                    inFragment = false;
                }
                offset += header + length;
            }
            return true;
        }

        private int readInt(int offset) {
            return (data[offset] & 0xFF)
                    | (data[offset + 1] & 0xFF) << 8
                    | (data[offset + 2] & 0xFF) << 16
                    | (data[offset + 3] & 0xFF) << 24;
        }

        private long readLong(int offset) {
            long v = 0;
            for (int i = 7; i >= 0; i--) {
                v = (v << 8) | (data[offset + i] & 0xFF);
            }
            return v;
        }
    }

    private static boolean isRecyclable(int type) {
        return (type >= 5 && type <= 8) || type == 11 || type == 131;
    }

    /** RocksDB stores CRCs masked: rotated right by 15 bits plus a constant. */
    private static int unmask(int masked) {
        int rot = masked - 0xa282ead8;
        return (rot >>> 17) | (rot << 15);
    }
}
