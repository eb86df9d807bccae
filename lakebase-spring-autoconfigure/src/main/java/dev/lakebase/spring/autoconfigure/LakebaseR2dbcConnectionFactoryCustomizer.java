package dev.lakebase.spring.autoconfigure;

import dev.lakebase.r2dbc.LakebaseConnectionFactory;

/**
 * Adjusts the auto-configured {@link LakebaseConnectionFactory}: define beans of this type to add
 * listeners or an r2dbc-postgresql customizer ({@code builder.customizer(...)}: codecs,
 * extensions, statement timeouts). Applied in order.
 */
@FunctionalInterface
public interface LakebaseR2dbcConnectionFactoryCustomizer {

  /**
   * Adjusts the builder before the factory is built.
   *
   * @param builder the builder, with the application's {@code LakebaseConfig}
   */
  void customize(LakebaseConnectionFactory.Builder builder);

  /**
   * Called with the built factory (e.g. to bind meters).
   *
   * @param factory the factory
   */
  default void built(LakebaseConnectionFactory factory) {}
}
