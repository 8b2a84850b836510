package dev.vigil.scraper.loop;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The kept-alive HTTP/1.1 connection of one plain {@code http} target addressed by IP, straight on Netty: the
 * request's bytes are encoded once per target, Netty's HTTP/1.1 decoder splits the response, and the body goes
 * straight into the scrape's buffer. The general client ({@code VertxHttpClient}: TLS, HTTP/2, proxies, host names)
 * spent about 0.5 ms of event-loop time per scrape of an 84 KB body under a 100-target load, most of it in its
 * request, stream and pool objects; this path is the one every pod and endpoint of Kubernetes discovery takes.
 *
 * <p>As Go's transport does: a request sent on a reused connection that the server closed before answering is sent
 * once more on a new connection; a response that does not keep the connection alive closes it after its last byte; a
 * redirect to be followed is handed to the general client, which counts it as the first of the ten allowed.
 *
 * <p>Everything runs on the event loop, except that an {@link Exchange} may be failed or cancelled from any thread.
 */
final class PlainHttpConnection {
    private static final HttpDecoderConfig DECODER = new HttpDecoderConfig()
            .setMaxInitialLineLength(16 * 1024)
            .setMaxHeaderSize(1 << 20)
            // Fewer, larger pieces: each one is a callback and a copy into the scrape's buffer.
            .setMaxChunkSize(64 * 1024);

    private final Bootstrap bootstrap;
    private final EventLoop loop;
    private final InetSocketAddress address;
    private final boolean followRedirects;
    private Channel channel;
    /** The exchange the channel carries the response of, until that response's last byte. */
    private Exchange current;

    private boolean closed;

    /**
     * @param bootstrap the scrape client's plain bootstrap: its event loop, channel type and options
     */
    PlainHttpConnection(Bootstrap bootstrap, EventLoop loop, InetSocketAddress address, boolean followRedirects) {
        this.loop = loop;
        this.address = address;
        this.followRedirects = followRedirects;
        this.bootstrap = bootstrap.clone().handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new HttpResponseDecoder(DECODER), new Reader(ch));
            }
        });
    }

    /** Sends {@code exchange}'s request; on the event loop. */
    void start(Exchange exchange) {
        if (exchange.isDone()) {
            return;
        }
        if (closed) {
            exchange.fail(new IOException("the scrape pool's HTTP client is closed"));
            return;
        }
        if (channel != null && current == null && channel.isActive()) {
            send(exchange, true);
        } else {
            // No connection yet, or one still carrying the rest of an earlier response nobody waits for.
            drop();
            connect(exchange);
        }
    }

    /** Closes the connection and refuses further requests; from any thread. */
    void close() {
        if (loop.inEventLoop()) {
            closed = true;
            drop();
        } else {
            loop.execute(this::close);
        }
    }

    private void connect(Exchange exchange) {
        ChannelFuture connecting = bootstrap.connect(address);
        Channel ch = connecting.channel();
        channel = ch;
        current = exchange;
        exchange.reused = false;
        connecting.addListener(done -> {
            if (ch != channel) {
                return;
            }
            if (!done.isSuccess()) {
                channel = null;
                current = null;
                exchange.fail(done.cause());
            } else if (exchange.isDone()) {
                drop();
            } else {
                write(ch, exchange);
            }
        });
    }

    private void send(Exchange exchange, boolean reused) {
        current = exchange;
        exchange.reused = reused;
        write(channel, exchange);
    }

    private void write(Channel ch, Exchange exchange) {
        ch.writeAndFlush(exchange.request.duplicate()).addListener(done -> {
            if (!done.isSuccess() && ch == channel && current == exchange) {
                lost(exchange, done.cause());
            }
        });
    }

    /** The connection broke while {@code exchange} was on it: sent again when nothing came back yet, else failed. */
    private void lost(Exchange exchange, Throwable cause) {
        drop();
        if (exchange.isDone()) {
            return;
        }
        if (exchange.reused && !exchange.answered && !exchange.retried) {
            exchange.retried = true;
            connect(exchange);
        } else {
            exchange.fail(cause);
        }
    }

    private void drop() {
        Channel ch = channel;
        channel = null;
        current = null;
        if (ch != null) {
            ch.close();
        }
    }

    /** Stops {@code exchange}'s transfer if the connection still carries it. */
    private void abort(Exchange exchange) {
        if (loop.inEventLoop()) {
            if (current == exchange) {
                drop();
            }
        } else {
            loop.execute(() -> abort(exchange));
        }
    }

    private enum State {
        HEAD,
        INFORMATIONAL,
        BODY,
        DISCARD
    }

    /** The decoded response side of one channel. */
    private final class Reader extends ChannelInboundHandlerAdapter {
        private final Channel ch;
        private State state = State.HEAD;
        private boolean keepAlive;
        private ScrapeClient.Response response;

        Reader(Channel ch) {
            this.ch = ch;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (ch != channel) {
                    return;
                }
                Exchange exchange = current;
                if (exchange == null) {
                    // Bytes nobody asked for: the connection cannot be trusted for the next request.
                    drop();
                    return;
                }
                if (msg instanceof HttpObject object && object.decoderResult().isFailure()) {
                    Throwable cause = object.decoderResult().cause();
                    drop();
                    exchange.fail(new IOException("malformed HTTP response: " + cause.getMessage(), cause));
                    return;
                }
                if (msg instanceof HttpResponse head) {
                    head(exchange, head);
                }
                if (msg instanceof HttpContent content) {
                    content(exchange, content);
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private void head(Exchange exchange, HttpResponse head) {
            int status = head.status().code();
            if (status >= 100 && status < 200 && status != 101) {
                state = State.INFORMATIONAL;
                return;
            }
            exchange.answered = true;
            keepAlive = HttpUtil.isKeepAlive(head);
            response = ScrapeClient.Response.of(
                    status,
                    head.status().reasonPhrase(),
                    head.headers().get(HttpHeaderNames.CONTENT_TYPE),
                    head.headers().get(HttpHeaderNames.CONTENT_ENCODING));
            String location =
                    followRedirects && isRedirect(status) ? head.headers().get(HttpHeaderNames.LOCATION) : null;
            if (location != null) {
                state = State.DISCARD;
                exchange.redirect(location);
            } else if (status != 200) {
                // The body is not wanted; it is read to its end so that the connection stays reusable.
                state = State.DISCARD;
                exchange.complete(response);
            } else {
                state = State.BODY;
            }
        }

        private void content(Exchange exchange, HttpContent content) {
            if (state == State.BODY && !exchange.isDone()) {
                try {
                    exchange.body.append(content.content());
                } catch (BodyBuffer.BodySizeLimitException e) {
                    exchange.completeExceptionally(e);
                    return;
                }
            }
            if (content instanceof LastHttpContent) {
                if (state == State.INFORMATIONAL) {
                    state = State.HEAD;
                    return;
                }
                if (state == State.BODY) {
                    exchange.complete(response);
                }
                state = State.HEAD;
                response = null;
                current = null;
                if (!keepAlive) {
                    drop();
                }
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (ch == channel) {
                Exchange exchange = current;
                if (exchange == null) {
                    channel = null;
                } else {
                    lost(exchange, new IOException("server closed the connection before the response was complete"));
                }
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (ch == channel && current != null) {
                Exchange exchange = current;
                drop();
                exchange.fail(cause);
            } else {
                ctx.close();
            }
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** One request on this connection, as the future the scrape loop waits for. */
    final class Exchange extends Fetch {
        private final ByteBuf request;
        private final BodyBuffer body;
        private final Function<String, CompletableFuture<ScrapeClient.Response>> redirected;
        private volatile CompletableFuture<ScrapeClient.Response> delegate;
        private boolean reused;
        private boolean answered;
        private boolean retried;

        /**
         * @param request the request's bytes, never released (an unreleasable buffer); read through duplicates
         * @param redirected follows a redirect to the given location with the general client
         */
        Exchange(
                ByteBuf request,
                BodyBuffer body,
                Function<String, CompletableFuture<ScrapeClient.Response>> redirected) {
            this.request = request;
            this.body = body;
            this.redirected = redirected;
        }

        private void redirect(String location) {
            CompletableFuture<ScrapeClient.Response> followed = redirected.apply(location);
            delegate = followed;
            if (isDone()) {
                followed.cancel(true);
                return;
            }
            followed.whenComplete((response, error) -> {
                if (error != null) {
                    completeExceptionally(error);
                } else {
                    complete(response);
                }
            });
        }

        /** Drops the connection if it still carries this exchange, and cancels a redirect being followed. */
        @Override
        void stopTransfer() {
            abort(this);
            CompletableFuture<ScrapeClient.Response> followed = delegate;
            if (followed != null) {
                followed.cancel(true);
            }
        }
    }
}
