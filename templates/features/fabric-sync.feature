# Scaffolded by `ztna-harness init`: an example to adapt.
@control:ZTA-T5
Feature: Keeping the access proxy in sync with EMS over the Security Fabric
  The access proxy decides on what EMS last synced: a revocation is not enforced during the sync
  delay, and past the out-of-sync threshold (180 s) stale records no longer authenticate.

  Background:
    Given a ZTNA lab
    And endpoint "laptop-1" is registered
    And the certificate of endpoint "laptop-1" is kept as "stolen"

  @control:IA-5(2) @control:ZTA-T6
  Scenario: The revocation is enforced once the delayed sync lands
    Given the fabric link delays every sync by 30 seconds
    When EMS revokes the client certificate of endpoint "laptop-1"
    And 30 seconds pass
    And the certificate kept as "stolen" is used to request "https://intranet.example.com/"
    Then the request is denied with CERT_REVOKED

  @control:CM-6 @control:ZTA-T6 @control:ZTMM-DEV-1
  Scenario: Past the out-of-sync threshold a stale record no longer authenticates
    When the fabric link goes down
    And 180 seconds pass
    And the certificate kept as "stolen" is used to request "https://intranet.example.com/"
    Then the request is denied with NO_DEVICE_INFO because "record-out-of-sync"
    And the block page shows FortiOS error code "066"
