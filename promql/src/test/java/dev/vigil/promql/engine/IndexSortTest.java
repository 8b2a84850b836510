package dev.vigil.promql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IndexSortTest {
    @Test
    void sortsStablyLikeASortOfBoxedIndexes() {
        SplittableRandom random = new SplittableRandom(7);
        for (int n : new int[] {0, 1, 2, 15, 16, 17, 100, 1000}) {
            int[] keys = new int[n];
            for (int i = 0; i < n; i++) {
                keys[i] = random.nextInt(Math.max(1, n / 4)); // many ties
            }
            int[] idx = IndexSort.identity(n);
            IndexSort.sort(idx, n, (a, b) -> Integer.compare(keys[a], keys[b]));
            Integer[] boxed = new Integer[n];
            for (int i = 0; i < n; i++) {
                boxed[i] = i;
            }
            Arrays.sort(boxed, Comparator.comparingInt(i -> keys[i]));
            assertThat(idx)
                    .as("n=%d", n)
                    .containsExactly(
                            Arrays.stream(boxed).mapToInt(Integer::intValue).toArray());
        }
    }
}
