# Scaffolded by `ztna-harness init`: an example to adapt.
@control:IA-5(2)
Feature: Revoking a client certificate
  When a private key is compromised the administrator revokes the endpoint's certificate on EMS.
  The access proxy denies it from the moment the revocation reaches it, before any proxy rule.

  Background:
    Given a ZTNA lab
    And endpoint "laptop-1" is registered
    And the certificate of endpoint "laptop-1" is kept as "stolen"

  @control:ZTA-T6 @control:ZTMM-DEV-4
  Scenario: A revoked certificate is denied once the revocation is synced
    When EMS revokes the client certificate of endpoint "laptop-1"
    And the certificate kept as "stolen" is used to request "https://intranet.example.com/"
    Then the request is denied with CERT_REVOKED
    And the block page shows FortiOS error code "063"
    # A step of your own (features/step_definitions/own.steps.js) beside the library's.
    And no proxy rule was consulted

  @control:IA-2 @control:ZTMM-DEV-4
  Scenario: After a revocation the endpoint reconnects with a new key and is allowed again
    When EMS revokes the client certificate of endpoint "laptop-1"
    And endpoint "laptop-1" reconnects to EMS
    Then the certificate of endpoint "laptop-1" is not the one kept as "stolen"
    When endpoint "laptop-1" requests "https://intranet.example.com/"
    Then the request is allowed
