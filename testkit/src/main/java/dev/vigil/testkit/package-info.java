/** Vigil testkit module. */
package dev.vigil.testkit;
