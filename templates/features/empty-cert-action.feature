# Scaffolded by `ztna-harness init`: an example to adapt.
@control:AC-14 @control:CM-6
Feature: What the access proxy does with a client that presents no certificate
  `set empty-cert-action` decides: block denies (002), accept goes on to the proxy rules without a
  device identity, accept-unmanageable does so only for an unmanageable (mobile) device (003).

  Background:
    Given a ZTNA lab
    And endpoint "phone-1" is a mobile browser without FortiClient
    And endpoint "kiosk-1" is a desktop browser without FortiClient
    And the access proxy has these proxy rules:
      | name          | host               | tags                         | action |
      | mobile-portal | portal.example.com | EMS_ALL_UNMANAGEABLE_CLIENTS | accept |

  @control:IA-3 @control:ZTA-T6
  Scenario: empty-cert-action block denies a client without a certificate
    Given the access proxy has empty-cert-action block
    When endpoint "phone-1" requests "https://portal.example.com/" without a certificate
    Then the request is denied with CERT_EMPTY
    And the block page shows FortiOS error code "002"

  @control:AC-3 @control:ZTA-T4
  Scenario: accept-unmanageable lets an unmanageable device through to the rules
    Given the access proxy has empty-cert-action accept-unmanageable
    When endpoint "phone-1" requests "https://portal.example.com/" without a certificate
    Then the request is allowed
    And the decision names the rule "mobile-portal"

  @control:IA-3
  Scenario: accept-unmanageable denies a device that could run FortiClient
    Given the access proxy has empty-cert-action accept-unmanageable
    When endpoint "kiosk-1" requests "https://portal.example.com/" without a certificate
    Then the request is denied with CERT_EMPTY_MANAGEABLE
    And the block page shows FortiOS error code "003"
