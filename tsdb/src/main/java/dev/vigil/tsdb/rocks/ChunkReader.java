package dev.vigil.tsdb.rocks;

import org.rocksdb.RocksIterator;

/** Reads one series' chunks from a chunks-family iterator, block by block, skipping blocks without its data. */
final class ChunkReader {
    private ChunkReader() {}

    /**
     * Visits the chunks of series {@code id} in blocks {@code fromBlock..toBlock} that overlap {@code [minT, maxT]},
     * in time order, until the visitor returns false.
     */
    static void read(
            RocksIterator it,
            long id,
            long fromBlock,
            long toBlock,
            long minT,
            long maxT,
            RocksStore.ChunkVisitor visitor) {
        long block = fromBlock;
        while (block <= toBlock) {
            it.seek(Keys.chunk(block, id, Long.MIN_VALUE));
            long nextBlock = Long.MAX_VALUE;
            for (; it.isValid(); it.next()) {
                byte[] key = it.key();
                long keyBlock = Keys.chunkBlock(key);
                if (keyBlock != block || Keys.chunkSeries(key) != id) {
                    // Jump over blocks without data instead of seeking each: a query may span years of blocks.
                    nextBlock = keyBlock > block ? keyBlock : block + 1;
                    break;
                }
                long chunkMinT = Keys.chunkMinTime(key);
                if (chunkMinT > maxT) {
                    return;
                }
                byte[] value = it.value();
                long chunkMaxT = ChunkValue.maxTime(value, chunkMinT);
                if (chunkMaxT >= minT) {
                    if (!visitor.visit(chunkMinT, chunkMaxT, ChunkValue.chunk(value))) {
                        return;
                    }
                }
            }
            if (nextBlock == Long.MAX_VALUE || nextBlock <= block) {
                return;
            }
            block = nextBlock;
        }
    }
}
