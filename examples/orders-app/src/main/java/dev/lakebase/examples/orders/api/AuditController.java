package dev.lakebase.examples.orders.api;

import static dev.lakebase.examples.orders.api.InvalidParameterException.require;

import dev.lakebase.examples.orders.data.AuditEntry;
import dev.lakebase.examples.orders.data.AuditRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail written by the database triggers. */
@RestController
@Tag(name = "audit", description = "Changes to orders and line items, recorded by triggers")
public class AuditController {

  private static final List<String> TABLES = List.of("orders", "lineitem");
  private static final List<String> OPERATIONS = List.of("INSERT", "UPDATE", "DELETE");
  private static final int MAX_LIMIT = 1000;

  private final AuditRepository audit;

  /** @param audit the repository */
  public AuditController(AuditRepository audit) {
    this.audit = audit;
  }

  @Operation(summary = "Latest changes, newest first",
      description = "Each entry has the row before (old) and after (new) the change as JSON, "
          + "when it happened and the database identity that made it.")
  @GetMapping("/audit")
  List<AuditEntry> latest(
      @Parameter(description = "orders or lineitem; both when omitted")
      @RequestParam(required = false) String table,
      @Parameter(description = "INSERT, UPDATE or DELETE; all when omitted")
      @RequestParam(required = false) String operation,
      @Parameter(description = "how many, 1-" + MAX_LIMIT)
      @RequestParam(defaultValue = "50") int limit) {
    require(table == null || TABLES.contains(table), "table",
        "must be one of " + String.join(", ", TABLES) + ", not '" + table + "'");
    String op = operation == null ? null : operation.toUpperCase(Locale.ROOT);
    require(op == null || OPERATIONS.contains(op), "operation",
        "must be one of " + String.join(", ", OPERATIONS) + ", not '" + operation + "'");
    require(limit >= 1 && limit <= MAX_LIMIT, "limit",
        "must be between 1 and " + MAX_LIMIT + ", not " + limit);
    return audit.latest(table, op, limit);
  }
}
