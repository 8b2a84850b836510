/** Where the running configuration comes from, and reloading it on SIGHUP or {@code POST /-/reload}. */
package dev.vigil.server.config;
