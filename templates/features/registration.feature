# Scaffolded by `ztna-harness init`: an example to adapt. Step vocabulary:
# node_modules/ztna-harness/docs/steps.md
@control:IA-3
Feature: Registering an endpoint with EMS
  FortiClient registers with EMS, which signs its certificate with the site's ZTNA root CA and
  syncs the endpoint's UID and certificate SN to the access proxy. From then on the access proxy
  asks for that certificate on every request.

  Background:
    Given a ZTNA lab
    And endpoint "laptop-1" is registered

  @control:IA-2 @control:IA-5(2) @control:SC-17 @control:ZTMM-DEV-2
  Scenario: Registration installs a certificate from the site's ZTNA root CA
    Then the certificate store of endpoint "laptop-1" holds a certificate issued by "default_ZTNARootCA"
    And EMS, the certificate store and the access proxy agree on the UID and SN of endpoint "laptop-1"

  @control:IA-2 @control:AC-3 @control:ZTA-T6
  Scenario: A registered endpoint is allowed with its certificate
    When endpoint "laptop-1" requests "https://intranet.example.com/"
    Then the request is allowed

  @control:AC-14 @control:ZTA-T6
  Scenario: An unregistered endpoint has no certificate to present and is blocked
    When endpoint "laptop-1" unregisters from EMS
    And endpoint "laptop-1" requests "https://intranet.example.com/"
    Then the request is denied with CERT_EMPTY
    And the block page shows FortiOS error code "002"
