/** Small text helpers that must behave exactly like their Go counterparts in Prometheus. */
package dev.vigil.model.text;
