package dev.lakebase.examples.orders.data;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A row of TPC-H {@code lineitem}; JSON fields are the TPC-H column names.
 *
 * @param orderKey {@code l_orderkey}
 * @param partKey {@code l_partkey}
 * @param suppKey {@code l_suppkey}
 * @param lineNumber {@code l_linenumber}, 1–7
 * @param quantity {@code l_quantity}, 1–50
 * @param extendedPrice {@code l_extendedprice}: quantity × the part's retail price
 * @param discount {@code l_discount}, 0.00–0.10
 * @param tax {@code l_tax}, 0.00–0.08
 * @param returnFlag {@code l_returnflag}: R or A once received, else N
 * @param lineStatus {@code l_linestatus}: O when shipped after 1995-06-17, else F
 * @param shipDate {@code l_shipdate}
 * @param commitDate {@code l_commitdate}
 * @param receiptDate {@code l_receiptdate}
 * @param shipInstruct {@code l_shipinstruct}
 * @param shipMode {@code l_shipmode}
 * @param comment {@code l_comment}
 */
public record LineItem(
    @JsonProperty("l_orderkey") long orderKey,
    @JsonProperty("l_partkey") long partKey,
    @JsonProperty("l_suppkey") long suppKey,
    @JsonProperty("l_linenumber") int lineNumber,
    @JsonProperty("l_quantity") BigDecimal quantity,
    @JsonProperty("l_extendedprice") BigDecimal extendedPrice,
    @JsonProperty("l_discount") BigDecimal discount,
    @JsonProperty("l_tax") BigDecimal tax,
    @JsonProperty("l_returnflag") String returnFlag,
    @JsonProperty("l_linestatus") String lineStatus,
    @JsonProperty("l_shipdate") LocalDate shipDate,
    @JsonProperty("l_commitdate") LocalDate commitDate,
    @JsonProperty("l_receiptdate") LocalDate receiptDate,
    @JsonProperty("l_shipinstruct") String shipInstruct,
    @JsonProperty("l_shipmode") String shipMode,
    @JsonProperty("l_comment") String comment) {}
