package dev.lakebase.examples.orders.dashboard;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code /} and {@code /dashboard} lead to the live page, the static files under {@code
 * /dashboard/} (a redirect, so the page's relative links resolve there).
 */
@Hidden
@Controller
class DashboardPage {

  @GetMapping({"/", "/dashboard", "/dashboard/"})
  String page() {
    return "redirect:/dashboard/index.html";
  }
}
