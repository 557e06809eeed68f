@control:CM-6
Feature: The access proxy behaves as its FortiOS release does
  What a FortiGate shows and accepts depends on its release: the block page carries a 3-digit
  error code from FortiOS 7.4.1 on; the built-in tags of certificate-less devices are
  `ems-tag-unmanageable` / `ems-tag-unknown` on 7.2.1–7.2.3 and `EMS_ALL_UNMANAGEABLE_CLIENTS` /
  `EMS_ALL_UNKNOWN_CLIENTS` from 7.2.4; from 7.6 a virtual host can carry its own client-cert,
  empty-cert-action and user-agent-detect; tag negation came with 7.6.1. A release without a
  setting the configuration uses refuses that configuration. A release line without a patch
  (`7.4`) is its newest release.

  Background:
    Given a ZTNA lab
    And endpoint "laptop-1" is registered with the ZTNA tags "Domain-Users"

  @control:ZTA-T6
  Scenario Outline: FortiOS <version> denies without an error code on the block page
    Given the access proxy runs FortiOS "<version>"
    When endpoint "laptop-1" requests "https://intranet.example.com/" without a certificate
    Then the request is denied with CERT_EMPTY
    And the block page shows no FortiOS error code

    Examples:
      | version |
      | 7.0     |
      | 7.2.0   |
      | 7.2     |
      | 7.4.0   |

  @control:ZTA-T6
  Scenario Outline: FortiOS <version> shows the error code on the block page
    Given the access proxy runs FortiOS "<version>"
    When endpoint "laptop-1" requests "https://intranet.example.com/" without a certificate
    Then the request is denied with CERT_EMPTY
    And the block page shows FortiOS error code "002"

    Examples:
      | version |
      | 7.4.1   |
      | 7.4     |
      | 7.6     |

  @control:AC-14 @control:ZTMM-DEV-3
  Scenario Outline: FortiOS <version> gives a certificate-less mobile browser the built-in tag <tag>
    Given the access proxy runs FortiOS "<version>"
    And the access proxy has empty-cert-action accept-unmanageable
    And the access proxy has these proxy rules:
      | name                 | tags  | action |
      | unmanageable-devices | <tag> | accept |
    And endpoint "phone-1" is a mobile browser without FortiClient
    When endpoint "phone-1" requests "https://kiosk.example.com/" without a certificate
    Then the request is allowed
    And the decision names the rule "unmanageable-devices"

    Examples:
      | version | tag                          |
      | 7.2.1   | ems-tag-unmanageable         |
      | 7.2.3   | ems-tag-unmanageable         |
      | 7.2.4   | EMS_ALL_UNMANAGEABLE_CLIENTS |
      | 7.4     | EMS_ALL_UNMANAGEABLE_CLIENTS |

  @control:AC-14
  Scenario Outline: FortiOS <version> does not know the built-in tag <other>
    Given the access proxy runs FortiOS "<version>"
    And the access proxy has empty-cert-action accept-unmanageable
    And the access proxy has these proxy rules:
      | name                 | tags    | action |
      | unmanageable-devices | <other> | accept |
    And endpoint "phone-1" is a mobile browser without FortiClient
    When endpoint "phone-1" requests "https://kiosk.example.com/" without a certificate
    Then the request is denied with TAGS_NO_MATCH
    And FortiOS "<version>" refuses the access proxy's configuration with "<refusal>"

    Examples:
      | version | other                        | refusal                                                      |
      | 7.2.3   | EMS_ALL_UNMANAGEABLE_CLIENTS | came with FortiOS 7.2.4; this configuration is for 7.2.3    |
      | 7.4     | ems-tag-unmanageable         | from 7.2.4 on it is EMS_ALL_UNMANAGEABLE_CLIENTS             |

  Scenario: A release older than a setting in use refuses the configuration
    Given the access proxy has empty-cert-action accept-unmanageable
    Then FortiOS "7.0" refuses the access proxy's configuration with "empty-cert-action accept-unmanageable came with FortiOS 7.2.1"
    And FortiOS "7.2.0" refuses the access proxy's configuration with "this configuration is for 7.2.0"
    Given the access proxy runs FortiOS "7.2.1"
    When endpoint "laptop-1" requests "https://intranet.example.com/"
    Then the request is allowed

  @control:AC-14
  Scenario: On FortiOS 7.6 each virtual host can carry its own certificate settings
    Given the access proxy runs FortiOS "7.6"
    And the access proxy has these virtual hosts:
      | name  | host                 | host-type  | empty-cert-action |
      | kiosk | kiosk.example.com    | sub-string | accept            |
      | corp  | intranet.example.com | sub-string |                   |
    And the access proxy has these API gateways:
      | id | virtual-host | url-map |
      | 1  | kiosk        | /       |
      | 2  | corp         | /       |
    When a client without a certificate requests "https://kiosk.example.com/" with the user agent "curl/8.5.0"
    Then the request is allowed
    When a client without a certificate requests "https://intranet.example.com/" with the user agent "curl/8.5.0"
    Then the request is denied with CERT_EMPTY
    And FortiOS "7.4" refuses the access proxy's configuration with "on an access-proxy-virtual-host came with FortiOS 7.6.0"

  @control:ZTA-T4
  Scenario: Tag negation needs FortiOS 7.6.1
    Given the access proxy runs FortiOS "7.6.1"
    And the access proxy has these ZTNA rules:
      | id | name             | ztna-ems-tag          | negate | action |
      | 1  | not-quarantined  | EMS1_ZTNA_Quarantined | enable | accept |
    When endpoint "laptop-1" requests "https://intranet.example.com/"
    Then the request is allowed
    And FortiOS "7.6.0" refuses the access proxy's configuration with "ztna-ems-tag-negate came with FortiOS 7.6.1"
