/** Vigil ui module. */
package dev.vigil.ui;
