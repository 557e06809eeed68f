@control:IA-3 @control:SC-17
Feature: Several EMS sites, each with its own ZTNA root CA
  A multi-tenant EMS keeps one site per tenant. Every site has a ZTNA root CA of its own
  (`default_ZTNARootCA`, `CUSTOMER-TEST_ZTNARootCA`, …), and a FortiGate's Fabric connector syncs
  the roots and endpoint records of the site it is bound to. A certificate from one site
  therefore never authenticates an endpoint at another site's access proxy, and what happens on
  one site — a revocation, a root CA update, an outage — leaves the other untouched.

  Background:
    Given a ZTNA lab with the sites "default, CUSTOMER-TEST"
    And an access proxy "fgt-b" for site "CUSTOMER-TEST"
    And endpoint "laptop-1" is registered
    And endpoint "laptop-2" is registered on site "CUSTOMER-TEST"

  @control:IA-5(2) @control:ZTMM-DEV-2
  Scenario: Each endpoint holds a certificate from its own site's root CA
    Then the certificate store of endpoint "laptop-1" holds a certificate issued by "default_ZTNARootCA"
    And the certificate store of endpoint "laptop-2" holds a certificate issued by "CUSTOMER-TEST_ZTNARootCA"

  @control:IA-2 @control:AC-3
  Scenario Outline: An endpoint is allowed at the access proxy of its own site
    Given requests go to access proxy "<access proxy>"
    When endpoint "<endpoint>" requests "https://intranet.example.com/"
    Then the request is allowed

    Examples:
      | access proxy | endpoint |
      | fgt-1        | laptop-1 |
      | fgt-b        | laptop-2 |

  @control:ZTA-T6 @control:ZTMM-DEV-3
  Scenario Outline: A certificate of one site does not authenticate at another site's access proxy
    Given requests go to access proxy "<access proxy>"
    When endpoint "<endpoint>" requests "https://intranet.example.com/"
    Then the request is denied with CERT_INVALID because "untrusted-issuer"
    And the block page shows FortiOS error code "001"

    Examples:
      | access proxy | endpoint |
      | fgt-1        | laptop-2 |
      | fgt-b        | laptop-1 |

  @control:AU-3 @control:ZTMM-DEV-5
  Scenario: An access proxy lists only the endpoints of its own site
    Given requests go to access proxy "fgt-b"
    Then diagnose endpoint record list shows endpoint "laptop-2" with its current certificate SN
    And diagnose endpoint record list has no record for endpoint "laptop-1"
    And diagnose endpoint record list ends with "online records: 1; offline records: 0; quarantined records: 0; out-of-sync records: 0"

  @control:IA-5(2)
  Scenario: A revocation on one site does not touch the other
    Given the certificate of endpoint "laptop-2" is kept as "customer-laptop"
    When EMS revokes the client certificate of endpoint "laptop-2"
    And requests go to access proxy "fgt-b"
    And the certificate kept as "customer-laptop" is used to request "https://intranet.example.com/"
    Then the request is denied with CERT_REVOKED
    When requests go to access proxy "fgt-1"
    And endpoint "laptop-1" requests "https://intranet.example.com/"
    Then the request is allowed

  @control:SC-12
  Scenario: A root CA update on one site renews only that site's endpoints
    Given the certificate of endpoint "laptop-1" is kept as "default-before"
    And the certificate of endpoint "laptop-2" is kept as "customer-before"
    When EMS updates the root CA of site "CUSTOMER-TEST"
    Then the certificate of endpoint "laptop-2" is not the one kept as "customer-before"
    And the certificate store of endpoint "laptop-2" holds a certificate issued by "CUSTOMER-TEST_ZTNARootCA"
    When the certificate kept as "default-before" is used to request "https://intranet.example.com/"
    Then the request is allowed

  @control:ZTA-T5 @control:ZTMM-DEV-1
  Scenario: An outage of one site's fabric link leaves the other site's access proxy in sync
    Given requests go to access proxy "fgt-b"
    When the fabric link goes down
    And 3 minutes pass
    And endpoint "laptop-2" requests "https://intranet.example.com/"
    Then the request is denied with NO_DEVICE_INFO because "record-out-of-sync"
    When requests go to access proxy "fgt-1"
    And endpoint "laptop-1" requests "https://intranet.example.com/"
    Then the request is allowed
    And the fabric link is up
