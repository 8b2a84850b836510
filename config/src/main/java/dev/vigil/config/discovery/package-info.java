/**
 * Service discovery configuration: static targets, file, HTTP and Kubernetes discovery, and the reader that rejects
 * the Prometheus discovery mechanisms Vigil does not implement.
 */
package dev.vigil.config.discovery;
