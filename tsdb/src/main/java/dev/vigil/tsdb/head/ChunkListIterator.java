package dev.vigil.tsdb.head;

import dev.vigil.model.storage.SeriesIterator;
import dev.vigil.tsdb.chunk.Chunk;
import dev.vigil.tsdb.chunk.ChunkIterator;
import java.util.List;

/**
 * Iterates a series' chunks in time order, each limited to its visible samples, within {@code [minT, maxT]} and
 * outside deleted intervals. Reuses one {@link ChunkIterator}. Not thread-safe.
 */
final class ChunkListIterator implements SeriesIterator {
    private static final long[] NOTHING_DELETED = new long[0];

    private List<ChunkRef> chunks;
    private long minT;
    private long maxT;
    private long[] deleted;
    private int deletedIndex;
    private ChunkIterator current;
    private int chunkIndex;
    private int remainingInChunk;
    private boolean positioned;
    private boolean exhausted;

    ChunkListIterator(List<ChunkRef> chunks, long minT, long maxT, long[] deleted) {
        reset(chunks, minT, maxT, deleted);
    }

    /** Starts over on other chunks, keeping the decoder's buffers. */
    ChunkListIterator reset(List<ChunkRef> chunks, long minT, long maxT, long[] deleted) {
        this.chunks = chunks;
        this.minT = minT;
        this.maxT = maxT;
        this.deleted = deleted == null ? NOTHING_DELETED : deleted;
        this.deletedIndex = 0;
        this.chunkIndex = -1;
        this.remainingInChunk = 0;
        this.positioned = false;
        this.exhausted = false;
        return this;
    }

    @Override
    public boolean next() {
        if (exhausted) {
            return false;
        }
        while (true) {
            if (remainingInChunk > 0 && current.next()) {
                remainingInChunk--;
                long t = current.timestamp();
                if (t > maxT) {
                    return finish();
                }
                if (t >= minT && !isDeleted(t)) {
                    positioned = true;
                    return true;
                }
            } else if (!openChunk(chunkIndex + 1)) {
                return finish();
            }
        }
    }

    private boolean isDeleted(long t) {
        while (deletedIndex < deleted.length && deleted[deletedIndex + 1] < t) {
            deletedIndex += 2;
        }
        return deletedIndex < deleted.length && deleted[deletedIndex] <= t;
    }

    @Override
    public boolean seek(long t) {
        if (exhausted) {
            return false;
        }
        if (positioned && current.timestamp() >= t) {
            return true;
        }
        // Skip whole chunks that end before t without decoding them.
        int target = Math.max(chunkIndex, 0);
        while (target < chunks.size() - 1 && chunks.get(target).maxT() < t) {
            target++;
        }
        if (target > chunkIndex) {
            openChunk(target);
        }
        while (next()) {
            if (current.timestamp() >= t) {
                return true;
            }
        }
        return false;
    }

    private boolean openChunk(int index) {
        if (index >= chunks.size()) {
            return false;
        }
        chunkIndex = index;
        ChunkRef ref = chunks.get(index);
        current = Chunk.iterator(ref.bytes(), current);
        remainingInChunk = ref.visible();
        positioned = false;
        return true;
    }

    private boolean finish() {
        exhausted = true;
        positioned = false;
        return false;
    }

    @Override
    public long timestamp() {
        checkPositioned();
        return current.timestamp();
    }

    @Override
    public double value() {
        checkPositioned();
        return current.value();
    }

    private void checkPositioned() {
        if (!positioned) {
            throw new IllegalStateException("iterator is not positioned on a sample");
        }
    }
}
