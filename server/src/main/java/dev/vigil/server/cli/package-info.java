/** The {@code vigil} command line: {@code server}, {@code check config|rules}, {@code --version}. */
package dev.vigil.server.cli;
