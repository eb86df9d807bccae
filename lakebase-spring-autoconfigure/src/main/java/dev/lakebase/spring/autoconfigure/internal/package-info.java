/**
 * Implementation of the auto-configuration: mapping properties to the core and pool
 * configurations, failure analysis, health and metrics plumbing. <b>Not API</b>.
 */
package dev.lakebase.spring.autoconfigure.internal;
