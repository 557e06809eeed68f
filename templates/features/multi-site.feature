# Scaffolded by `ztna-harness init`: an example to adapt.
@control:IA-3 @control:SC-17
Feature: Several EMS sites, each with its own ZTNA root CA
  Every EMS site has a root CA of its own and each access proxy syncs one site, so a certificate
  of one site never authenticates at another site's access proxy.

  Background:
    Given a ZTNA lab with the sites "default, CUSTOMER-TEST"
    And an access proxy "fgt-b" for site "CUSTOMER-TEST"
    And endpoint "laptop-1" is registered
    And endpoint "laptop-2" is registered on site "CUSTOMER-TEST"

  @control:IA-2 @control:AC-3
  Scenario: An endpoint is allowed at the access proxy of its own site
    Given requests go to access proxy "fgt-b"
    When endpoint "laptop-2" requests "https://intranet.example.com/"
    Then the request is allowed

  @control:ZTA-T6 @control:ZTMM-DEV-3
  Scenario: A certificate of one site does not authenticate at another site's access proxy
    Given requests go to access proxy "fgt-b"
    When endpoint "laptop-1" requests "https://intranet.example.com/"
    Then the request is denied with CERT_INVALID because "untrusted-issuer"
