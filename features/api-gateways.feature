@control:CM-7 @control:AC-3
Feature: API gateways decide which applications a ZTNA server exposes
  A ZTNA server (`config firewall access-proxy`) serves only what its API gateways map. Each API
  gateway names a virtual host (`config firewall access-proxy-virtual-host`: `host` with
  `host-type` sub-string, the host contains it, or wildcard, the whole host matches the pattern)
  and a `url-map` with its `url-map-type` (sub-string, wildcard or regex). The API gateways are
  read in order and the first that maps the request wins; only then are the ZTNA rules read.

  A request no API gateway maps is refused as "ZTNA Application Not Found" with code 021 (no API
  gateway was matched); one whose API gateway has no active real server with code 022.

  Background:
    Given a ZTNA lab
    And endpoint "laptop-1" is registered with the ZTNA tags "Domain-Users"

  Scenario: A sub-string virtual host maps every host that contains it
    Given the access proxy has these API gateways:
      | id | virtual-host | host        | host-type  | url-map |
      | 1  | corp         | example.com | sub-string | /       |
    When endpoint "laptop-1" requests "https://portal.example.com/"
    Then the request is allowed
    # Sub-string means "contains": a look-alike host that holds the name is mapped too.
    When endpoint "laptop-1" requests "https://example.com.test-lab.net/"
    Then the request is allowed
    When endpoint "laptop-1" requests "https://portal.example.org/"
    Then the request is denied with APP_NOT_FOUND
    And the block page shows FortiOS error code "021"

  Scenario: A wildcard virtual host must match the whole host
    Given the access proxy has these API gateways:
      | id | virtual-host | host          | host-type | url-map |
      | 1  | corp         | *.example.com | wildcard  | /       |
    When endpoint "laptop-1" requests "https://portal.example.com/"
    Then the request is allowed
    When endpoint "laptop-1" requests "https://example.com.test-lab.net/"
    Then the request is denied with APP_NOT_FOUND
    And the block page shows FortiOS error code "021"
    When endpoint "laptop-1" requests "https://example.com/"
    Then the request is denied with APP_NOT_FOUND

  Scenario: A sub-string url-map maps every path that contains it
    Given the access proxy has these API gateways:
      | id | host            | url-map | url-map-type |
      | 1  | web.example.com | /api/   | sub-string   |
    When endpoint "laptop-1" requests "https://web.example.com/api/orders"
    Then the request is allowed
    When endpoint "laptop-1" requests "https://web.example.com/v2/api/orders"
    Then the request is allowed
    When endpoint "laptop-1" requests "https://web.example.com/admin/"
    Then the request is denied with APP_NOT_FOUND
    And the block page shows FortiOS error code "021"

  Scenario: A wildcard url-map must match the whole path
    Given the access proxy has these API gateways:
      | id | host            | url-map | url-map-type |
      | 1  | web.example.com | /app/*  | wildcard     |
    When endpoint "laptop-1" requests "https://web.example.com/app/index.html"
    Then the request is allowed
    When endpoint "laptop-1" requests "https://web.example.com/static/app/index.html"
    Then the request is denied with APP_NOT_FOUND
    And the block page shows FortiOS error code "021"

  Scenario: A regex url-map maps the paths the expression matches
    Given the access proxy has these API gateways:
      | id | host                | url-map             | url-map-type |
      | 1  | reports.example.com | ^/reports/[0-9]+$   | regex        |
    When endpoint "laptop-1" requests "https://reports.example.com/reports/2026"
    Then the request is allowed
    When endpoint "laptop-1" requests "https://reports.example.com/reports/latest"
    Then the request is denied with APP_NOT_FOUND
    And the block page shows FortiOS error code "021"

  Scenario: The first API gateway that maps a request wins
    Given the access proxy has these API gateways:
      | id | host            | url-map | realserver | status  |
      | 1  | web.example.com | /       | 10.88.0.3  | disable |
      | 2  | web.example.com | /api/   | 10.88.0.4  | active  |
    When endpoint "laptop-1" requests "https://web.example.com/api/orders"
    Then the request is denied with REAL_SERVER_NOT_FOUND
    And the request went through API gateway 1
    Given the access proxy has these API gateways:
      | id | host            | url-map | realserver | status  |
      | 2  | web.example.com | /api/   | 10.88.0.4  | active  |
      | 1  | web.example.com | /       | 10.88.0.3  | disable |
    When endpoint "laptop-1" requests "https://web.example.com/api/orders"
    Then the request is allowed
    And the request went through API gateway 2

  Scenario: An API gateway whose real servers are all disabled is refused with 022
    Given the access proxy has these API gateways:
      | id | host            | url-map | realserver    | status  |
      | 1  | web.example.com | /       | 10.88.0.3     | disable |
      | 2  | app.example.com | /       | 10.88.0.5     | disable |
      | 2  | app.example.com | /       | 10.88.0.6:8443 | active  |
    When endpoint "laptop-1" requests "https://web.example.com/"
    Then the request is denied with REAL_SERVER_NOT_FOUND
    And the block page shows FortiOS error code "022"
    When endpoint "laptop-1" requests "https://app.example.com/"
    Then the request is allowed

  @control:ZTA-T1
  Scenario: A host no API gateway maps is refused before any rule is read
    Given the access proxy has these API gateways:
      | id | host            | url-map |
      | 1  | web.example.com | /       |
    And the access proxy has these ZTNA rules:
      | id | name     | action |
      | 1  | deny-all | deny   |
    When endpoint "laptop-1" requests "https://billing.example.com/"
    Then the request is denied with APP_NOT_FOUND
    And the block page shows FortiOS error code "021"
    When endpoint "laptop-1" requests "https://web.example.com/"
    Then the request is denied with POLICY_DENY
    And the decision names the rule "deny-all"
