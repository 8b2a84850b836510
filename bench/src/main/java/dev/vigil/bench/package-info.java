/** Vigil bench module. */
package dev.vigil.bench;
