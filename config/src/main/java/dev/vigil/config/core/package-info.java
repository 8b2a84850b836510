/**
 * The foundation of strict configuration loading: a located YAML/JSON tree ({@link dev.vigil.config.core.ConfigNode},
 * {@link dev.vigil.config.core.ConfigTreeParser}), strict typed readers that track the key path
 * ({@link dev.vigil.config.core.MapReader}), errors that name {@code file:line:column} and the key path
 * ({@link dev.vigil.config.core.ConfigError}, {@link dev.vigil.config.core.ConfigException}), and Prometheus's
 * duration and size notations ({@link dev.vigil.config.core.PromDuration}, {@link dev.vigil.config.core.ByteSize}).
 */
package dev.vigil.config.core;
