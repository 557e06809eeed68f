@control:AC-3
Feature: ZTNA rules match the client's address and the application's real servers
  A ZTNA rule's `srcaddr` names the addresses a request may come from and its `dstaddr` the
  addresses of the applications it covers (`config firewall address`: ipmask subnets, ipranges,
  FQDNs; `config firewall addrgrp` groups of them; the built-in `all`). The client's address is
  matched against `srcaddr`, the real servers of the API gateway that mapped the request against
  `dstaddr`. A rule whose addresses do not match is passed over; when no rule matches the request
  is refused with NO_POLICY_MATCH (061).

  The client addresses are loopback addresses (127.0.0.0/8), so that the same scenarios also run
  over the wire, where the harness sends from them.

  Background:
    Given a ZTNA lab
    And endpoint "laptop-1" is registered with the ZTNA tags "Domain-Users"
    And the access proxy has these addresses:
      | name        | type   | subnet                  | start-ip   | end-ip     | fqdn            |
      | office-lan  | ipmask | 127.0.3.0/24            |            |            |                 |
      | branch-lan  | ipmask | 127.0.5.0 255.255.255.0 |            |            |                 |
      | lab-range   | iprange |                        | 127.0.4.10 | 127.0.4.20 |                 |
      | app-servers | ipmask | 10.88.0.0/24            |            |            |                 |
      | web-host    | fqdn   |                         |            |            | web.example.com |
    And the access proxy has these address groups:
      | name    | member                 |
      | offices | office-lan, branch-lan |

  Scenario: A subnet in srcaddr admits only clients inside it
    Given the access proxy has these ZTNA rules:
      | id | name        | srcaddr    | action |
      | 1  | from-office | office-lan | accept |
    And requests come from address "127.0.3.25"
    When endpoint "laptop-1" requests "https://intranet.example.com/"
    Then the request is allowed
    And the decision names the rule "from-office"
    Given requests come from address "127.0.6.25"
    When endpoint "laptop-1" requests "https://intranet.example.com/"
    Then the request is denied with NO_POLICY_MATCH
    And the block page shows FortiOS error code "061"

  Scenario: An address range in srcaddr includes both of its ends and nothing beyond
    Given the access proxy has these ZTNA rules:
      | id | name     | srcaddr   | action |
      | 1  | from-lab | lab-range | accept |
    And requests come from address "127.0.4.10"
    When endpoint "laptop-1" requests "https://intranet.example.com/"
    Then the request is allowed
    Given requests come from address "127.0.4.20"
    When endpoint "laptop-1" requests "https://intranet.example.com/"
    Then the request is allowed
    Given requests come from address "127.0.4.21"
    When endpoint "laptop-1" requests "https://intranet.example.com/"
    Then the request is denied with NO_POLICY_MATCH

  Scenario: An address group in srcaddr admits a client of any of its members
    Given the access proxy has these ZTNA rules:
      | id | name         | srcaddr | action |
      | 1  | from-offices | offices | accept |
    And requests come from address "127.0.5.9"
    When endpoint "laptop-1" requests "https://intranet.example.com/"
    Then the request is allowed
    And the decision names the rule "from-offices"
    Given requests come from address "127.0.4.15"
    When endpoint "laptop-1" requests "https://intranet.example.com/"
    Then the request is denied with NO_POLICY_MATCH

  Scenario: srcaddr all admits a client from anywhere
    Given the access proxy has these ZTNA rules:
      | id | name     | srcaddr | action |
      | 1  | from-any | all     | accept |
    And requests come from address "127.0.9.9"
    When endpoint "laptop-1" requests "https://intranet.example.com/"
    Then the request is allowed
    And the decision names the rule "from-any"

  Scenario: A deny rule for one subnet goes before an accept rule for all
    Given the access proxy has these ZTNA rules:
      | id | name           | srcaddr    | action |
      | 1  | no-guest-wifi  | lab-range  | deny   |
      | 2  | everyone-else  | all        | accept |
    And requests come from address "127.0.4.12"
    When endpoint "laptop-1" requests "https://intranet.example.com/"
    Then the request is denied with POLICY_DENY
    And the decision names the rule "no-guest-wifi"
    And the block page shows FortiOS error code "062"
    Given requests come from address "127.0.3.12"
    When endpoint "laptop-1" requests "https://intranet.example.com/"
    Then the request is allowed
    And the decision names the rule "everyone-else"

  Scenario: dstaddr is matched against the real servers of the API gateway that mapped the request
    Given the access proxy has these API gateways:
      | id | host            | url-map | realserver |
      | 1  | web.example.com | /       | 10.88.0.3  |
      | 2  | db.example.com  | /       | 10.99.0.7  |
    And the access proxy has these ZTNA rules:
      | id | name     | srcaddr | dstaddr     | action |
      | 1  | app-tier | all     | app-servers | accept |
    When endpoint "laptop-1" requests "https://web.example.com/"
    Then the request is allowed
    And the decision names the rule "app-tier"
    When endpoint "laptop-1" requests "https://db.example.com/"
    Then the request is denied with NO_POLICY_MATCH
    And the block page shows FortiOS error code "061"

  Scenario: An FQDN address in dstaddr covers the application of that host name
    Given the access proxy has these ZTNA rules:
      | id | name    | srcaddr | dstaddr  | action |
      | 1  | web-app | all     | web-host | accept |
    When endpoint "laptop-1" requests "https://web.example.com/"
    Then the request is allowed
    When endpoint "laptop-1" requests "https://intranet.example.com/"
    Then the request is denied with NO_POLICY_MATCH

  @control:ZTA-T2 @control:IA-3
  Scenario: A client from a permitted subnet still needs its device certificate
    Given the access proxy has these ZTNA rules:
      | id | name        | srcaddr    | action |
      | 1  | from-office | office-lan | accept |
    And requests come from address "127.0.3.25"
    When endpoint "laptop-1" requests "https://intranet.example.com/" without a certificate
    Then the request is denied with CERT_EMPTY
    And the block page shows FortiOS error code "002"
