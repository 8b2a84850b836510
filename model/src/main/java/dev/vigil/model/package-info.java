/** Vigil model module. */
package dev.vigil.model;
