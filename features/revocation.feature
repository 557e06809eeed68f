@control:IA-5(2)
Feature: Revoking a client certificate
  When a private key is compromised, the administrator revokes the endpoint's certificate on EMS
  (Endpoint > All Endpoints > Action > Revoke Client Certificate). The access proxy must deny that
  certificate from the moment the revocation reaches it, and not before it can know.

  Revocation is checked before the endpoint record and before any proxy rule: a revoked
  certificate is refused with FortiOS error code 063 whatever the device's tags or the
  destination, so a thief holding the copied key and certificate gets nowhere. The endpoint itself
  recovers by reconnecting to EMS, which issues a new key pair and certificate.

  Background:
    Given a ZTNA lab
    And endpoint "laptop-1" is registered
    And the certificate of endpoint "laptop-1" is kept as "stolen"

  Scenario: A registered endpoint reaches the application
    When endpoint "laptop-1" requests "https://intranet.example.com/"
    Then the request is allowed

  Scenario: A revoked certificate is denied once the revocation is synced
    When EMS revokes the client certificate of endpoint "laptop-1"
    And the certificate kept as "stolen" is used to request "https://intranet.example.com/"
    Then the request is denied with CERT_REVOKED
    And the block page shows FortiOS error code "063"

  @control:ZTA-T6 @control:ZTMM-DEV-4
  Scenario: The endpoint that still holds the revoked certificate is denied too
    When EMS revokes the client certificate of endpoint "laptop-1"
    And endpoint "laptop-1" requests "https://intranet.example.com/"
    Then the request is denied with CERT_REVOKED

  @control:ZTA-T3 @control:AC-3
  Scenario: Revoking one endpoint's certificate leaves the other endpoints alone
    Given endpoint "laptop-2" is registered
    When EMS revokes the client certificate of endpoint "laptop-1"
    And endpoint "laptop-2" requests "https://intranet.example.com/"
    Then the request is allowed

  @control:IA-2 @control:ZTMM-DEV-4
  Scenario: After a revocation the endpoint reconnects with a new key and is allowed again
    When EMS revokes the client certificate of endpoint "laptop-1"
    And endpoint "laptop-1" reconnects to EMS
    Then the certificate of endpoint "laptop-1" is not the one kept as "stolen"
    When endpoint "laptop-1" requests "https://intranet.example.com/"
    Then the request is allowed

  @control:ZTMM-DEV-4
  Scenario: The stolen certificate stays revoked after the endpoint reconnected
    When EMS revokes the client certificate of endpoint "laptop-1"
    And endpoint "laptop-1" reconnects to EMS
    And the certificate kept as "stolen" is used to request "https://intranet.example.com/"
    Then the request is denied with CERT_REVOKED

  @control:AC-3 @control:ZTA-T6
  Scenario Outline: A revoked certificate is refused before any proxy rule is consulted
    Given EMS sets the ZTNA tags of endpoint "laptop-1" to "Domain-Users"
    And the access proxy has these proxy rules:
      | name     | host                 | tags         | action |
      | intranet | intranet.example.com | Domain-Users | accept |
      | wiki     | wiki.example.com     |              | deny   |
    When EMS revokes the client certificate of endpoint "laptop-1"
    And the certificate kept as "stolen" is used to request "<url>"
    Then the request is denied with CERT_REVOKED

    Examples:
      | url                           |
      | https://intranet.example.com/ |
      | https://wiki.example.com/     |
