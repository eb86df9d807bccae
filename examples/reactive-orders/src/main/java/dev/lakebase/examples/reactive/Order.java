package dev.lakebase.examples.reactive;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * An order (columns in snake case, Spring Data's default mapping).
 *
 * @param orderKey the key
 * @param customerKey the customer
 * @param status O (open), F (fulfilled) or P (partial)
 * @param totalPrice the total
 * @param orderDate the date
 */
@Table("orders")
public record Order(@Id Long orderKey, long customerKey, String status, BigDecimal totalPrice,
    LocalDate orderDate) {}
