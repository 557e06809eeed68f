# Scaffolded by `ztna-harness init`: an example to adapt.
@control:SC-12 @control:IA-5(2)
Feature: Updating and revoking a site's ZTNA root CA
  A root CA update or revocation propagates to the access proxies and the endpoints, which renew
  their certificates. The access proxy then trusts only what the new root signed.

  Background:
    Given a ZTNA lab
    And endpoint "laptop-1" is registered
    And the certificate of endpoint "laptop-1" is kept as "before-rotation"

  @control:IA-2 @control:ZTA-T6
  Scenario: The renewed certificate is allowed after a root CA update
    When EMS updates the root CA of site "default"
    And endpoint "laptop-1" requests "https://intranet.example.com/"
    Then the request is allowed

  @control:SC-17 @control:ZTA-T6
  Scenario: A certificate from the retired root no longer chains to a trusted root
    When EMS updates the root CA of site "default"
    And the certificate kept as "before-rotation" is used to request "https://intranet.example.com/"
    Then the request is denied with CERT_INVALID because "untrusted-issuer"
    And the block page shows FortiOS error code "001"

  @control:SC-17 @control:ZTMM-DEV-4
  Scenario: A certificate from a revoked root is refused as root-revoked
    When EMS revokes the root CA of site "default"
    And the certificate kept as "before-rotation" is used to request "https://intranet.example.com/"
    Then the request is denied with CERT_INVALID because "root-revoked"
