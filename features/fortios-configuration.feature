@control:CM-6 @control:AC-3
Feature: The access proxy runs a FortiGate's own configuration
  A security engineer checks the ZTNA policy their FortiGate really runs: the access proxy takes
  its ZTNA servers, API gateways, addresses and ZTNA rules from a FortiOS configuration file, as
  `show` or a backup writes it. The sample is written from the FortiOS administration guide's
  HTTPS access proxy example: a deny rule for endpoints EMS tagged with a malicious file, then an
  accept rule for low-importance endpoints to the web server's address. The dynamic addresses
  `EMS1_ZTNA_Malicious-File-Detected` and `EMS1_CLASS_Low` stand for the EMS tags
  `Malicious-File-Detected` and `Low` the lab's endpoints carry. Its `#config-version` header says
  FortiOS 7.2.5, so the access proxy decides as 7.2.5 does: a deny carries no block-page code
  (those came with 7.4.1).

  Background:
    Given a ZTNA lab
    And endpoint "low-laptop" is registered with the ZTNA tags "Low"
    And endpoint "infected-laptop" is registered with the ZTNA tags "Low, Malicious-File-Detected"
    And endpoint "untagged-laptop" is registered with the ZTNA tags "Domain-Users"
    And the access proxy runs the FortiOS configuration "../scenarios/fortios/https-access-proxy.conf"

  @control:ZTA-T3
  Scenario: A low-importance endpoint reaches the web server through the configuration's accept rule
    When endpoint "low-laptop" requests "https://webserver.example.com/"
    Then the request is allowed
    And the decision names the rule "ZTNA-webserver"

  @control:ZTA-T3 @control:ZTMM-DEV-4
  Scenario: An endpoint with a malicious file meets the deny rule first, whose action is FortiOS's default deny
    When endpoint "infected-laptop" requests "https://webserver.example.com/"
    Then the request is denied with TAGS_DENY
    And the decision names the rule "ZTNA-Deny-malicious"

  Scenario: An endpoint without either tag matches no rule
    When endpoint "untagged-laptop" requests "https://webserver.example.com/"
    Then the request is denied with TAGS_NO_MATCH

  @control:IA-3
  Scenario: A client without a certificate meets the configuration's empty-cert-action block
    When a client without a certificate requests "https://webserver.example.com/" with the user agent "curl/8.5.0"
    Then the request is denied with CERT_EMPTY
