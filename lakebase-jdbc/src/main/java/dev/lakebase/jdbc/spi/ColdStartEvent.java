package dev.lakebase.jdbc.spi;

import java.time.Duration;

/**
 * A connect succeeded after waiting for a suspended endpoint to wake: either after at least one
 * attempt was refused because the endpoint was starting, or because the server held the login
 * while waking the compute.
 *
 * @param target the configured target description
 * @param waited from the start of the first attempt to the successful login
 * @param attempts how many attempts it took
 */
public record ColdStartEvent(String target, Duration waited, int attempts) {}
