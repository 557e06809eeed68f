@control:SC-12 @control:IA-5(2)
Feature: Updating and revoking a site's ZTNA root CA
  Each EMS site signs ZTNA client certificates with its own root CA (`default_ZTNARootCA` for the
  default site). EMS can replace that root: a root CA update retires the current root, a root CA
  revocation revokes it. Either way the new root propagates to the FortiGate access proxies over
  the Security Fabric and to the endpoints, which renew their certificates by themselves.

  The access proxy then trusts only what the new root signed. A certificate from a retired root
  no longer chains to a synced root ("untrusted-issuer"); one from a revoked root is refused as
  "root-revoked". Key rotation is only worth something if the old keys stop working.

  Background:
    Given a ZTNA lab
    And endpoint "laptop-1" is registered
    And the certificate of endpoint "laptop-1" is kept as "before-rotation"

  @control:SC-17 @control:ZTMM-DEV-2 @control:AU-3
  Scenario: After a root CA update the endpoint renews under the new root
    When EMS updates the root CA of site "default"
    Then the certificate store of endpoint "laptop-1" holds a certificate issued by "default_ZTNARootCA"
    And the certificate of endpoint "laptop-1" is not the one kept as "before-rotation"
    And EMS, the certificate store and the access proxy agree on the UID and SN of endpoint "laptop-1"
    And diagnose endpoint record list shows endpoint "laptop-1" with its current certificate SN

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
    And the block page shows FortiOS error code "001"

  @control:IA-2
  Scenario: After a root CA revocation the endpoint renews and is allowed
    When EMS revokes the root CA of site "default"
    Then the certificate of endpoint "laptop-1" is not the one kept as "before-rotation"
    And the certificate store of endpoint "laptop-1" holds a certificate issued by "default_ZTNARootCA"
    When endpoint "laptop-1" requests "https://intranet.example.com/"
    Then the request is allowed

  @control:ZTA-T5 @control:ZTMM-DEV-1
  Scenario: Until the new root reaches the access proxy, the renewed certificate is not trusted
    Given the fabric link delays every sync by 30 seconds
    When EMS updates the root CA of site "default"
    And endpoint "laptop-1" requests "https://intranet.example.com/"
    Then the request is denied with CERT_INVALID because "untrusted-issuer"
    When 30 seconds pass
    And endpoint "laptop-1" requests "https://intranet.example.com/"
    Then the request is allowed

  Scenario: Two updates in a row leave only the newest root trusted
    When EMS updates the root CA of site "default"
    And the certificate of endpoint "laptop-1" is kept as "first-renewal"
    And EMS updates the root CA of site "default"
    And the certificate kept as "first-renewal" is used to request "https://intranet.example.com/"
    Then the request is denied with CERT_INVALID because "untrusted-issuer"
    When endpoint "laptop-1" requests "https://intranet.example.com/"
    Then the request is allowed
