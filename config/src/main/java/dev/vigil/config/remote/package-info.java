/** Remote write and remote read endpoints. */
package dev.vigil.config.remote;
