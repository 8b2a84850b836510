/** Vigil config module. */
package dev.vigil.config;
