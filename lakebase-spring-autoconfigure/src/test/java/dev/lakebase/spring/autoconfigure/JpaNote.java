package dev.lakebase.spring.autoconfigure;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A test-only JPA entity (see {@link LakebaseJpaTest}), in its own table. */
@Entity
@Table(name = "jpa_note")
class JpaNote {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false)
  private String body;

  protected JpaNote() {
    // for JPA
  }

  JpaNote(String body) {
    this.body = body;
  }

  Long getId() {
    return id;
  }

  String getBody() {
    return body;
  }
}
