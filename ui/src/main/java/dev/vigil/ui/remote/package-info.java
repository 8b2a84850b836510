/**
 * Prometheus remote write 1.0 receiver and remote read (samples) endpoint. The few protobuf messages and snappy's
 * block format are decoded by hand, so a request is read without message objects per sample and without a protobuf
 * or native-compression dependency.
 */
package dev.vigil.ui.remote;
