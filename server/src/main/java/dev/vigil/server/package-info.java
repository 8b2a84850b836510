/** Vigil server module. */
package dev.vigil.server;
