package dev.vigil.scraper.loop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BodyBufferPoolTest {
    @Test
    void takesTheMostRecentlyReturnedBufferFirst() {
        BodyBufferPool pool = new BodyBufferPool(4);
        BodyBuffer older = pool.take();
        BodyBuffer newer = pool.take();
        pool.give(older);
        pool.give(newer);

        assertThat(pool.take()).isSameAs(newer);
        assertThat(pool.take()).isSameAs(older);
        assertThat(pool.idleCount()).isZero();
    }

    @Test
    void anEmptyPoolHandsOutNewBuffers() {
        BodyBufferPool pool = new BodyBufferPool(4);
        assertThat(pool.take()).isNotSameAs(pool.take());
    }

    @Test
    void keepsAtMostMaxIdleBuffers() {
        BodyBufferPool pool = new BodyBufferPool(2);
        BodyBuffer first = pool.take();
        BodyBuffer second = pool.take();
        BodyBuffer third = pool.take();
        pool.give(first);
        pool.give(second);
        pool.give(third);

        assertThat(pool.idleCount()).isEqualTo(2);
        assertThat(pool.take()).isSameAs(second);
        assertThat(pool.take()).isSameAs(first);
    }
}
