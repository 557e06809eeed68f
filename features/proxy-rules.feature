@control:AC-3 @control:ZTA-T4
Feature: ZTNA proxy rules decide what an authenticated device may reach
  Once the device is authenticated, `config firewall proxy-policy` decides. Rules are evaluated in
  order and the first match wins: the destination must match the rule's host and path, then the
  device's ZTNA tags must satisfy the rule's `ztna-ems-tag` list — any of them with
  `ztna-tags-match-logic or` (the default), all of them with `and`, and the opposite with
  `ztna-ems-tag-negate enable`. The matching rule's action accepts or denies.

  Each way of being denied has its own FortiOS error code: a deny rule without tags (062), a deny
  rule matched on the device's tags (064), rules for the destination none of whose tags match
  (065), a host that is served but no rule for its path (061), and a host no rule names at all,
  which no API gateway of the ZTNA server maps (021, "no API gateway was matched"). Because EMS
  updates tags as the device's posture changes, the same device can be allowed one minute and
  denied the next.

  Background:
    Given a ZTNA lab
    And endpoint "hr-laptop" is registered with the ZTNA tags "Domain-Users, HR"
    And endpoint "dev-laptop" is registered with the ZTNA tags "Domain-Users, Developers"
    And endpoint "contractor-laptop" is registered with the ZTNA tags "Contractor"
    And the access proxy has these proxy rules:
      | name            | host                 | path    | tags                     | match | negate  | action |
      | quarantine      | *.example.com        |         | Vulnerable               | or    | disable | deny   |
      | hr-app          | hr.example.com       |         | HR                       | or    | disable | accept |
      | git             | git.example.com      |         | Domain-Users, Developers | and   | disable | accept |
      | wiki-staff-only | wiki.example.com     |         | Contractor               | or    | enable  | accept |
      | intranet-admin  | intranet.example.com | /admin/ |                          |       |         | deny   |
      | intranet        | intranet.example.com |         | Domain-Users, Contractor | or    | disable | accept |

  @control:ZTMM-DEV-3 @control:ZTA-T1
  Scenario Outline: <endpoint> reaches <url> through rule <rule>
    When endpoint "<endpoint>" requests "<url>"
    Then the request is allowed
    And the decision names the rule "<rule>"

    Examples: tags with or: any one tag of the list is enough
      | endpoint          | url                           | rule     |
      | hr-laptop         | https://hr.example.com/       | hr-app   |
      | contractor-laptop | https://intranet.example.com/ | intranet |

    Examples: tags with and: the device carries every tag of the list
      | endpoint   | url                      | rule |
      | dev-laptop | https://git.example.com/ | git  |

    Examples: negated tags: the device carries none of the tags
      | endpoint  | url                       | rule            |
      | hr-laptop | https://wiki.example.com/ | wiki-staff-only |

  @control:ZTA-T6 @control:ZTMM-DEV-3
  Scenario Outline: <endpoint> is refused <url> because its tags match no rule for it
    When endpoint "<endpoint>" requests "<url>"
    Then the request is denied with TAGS_NO_MATCH
    And the block page shows FortiOS error code "065"

    Examples: tags with or: the device has none of the tags
      | endpoint   | url                     |
      | dev-laptop | https://hr.example.com/ |

    Examples: tags with and: one tag of the list is not enough
      | endpoint  | url                      |
      | hr-laptop | https://git.example.com/ |

    Examples: negated tags: the device carries a negated tag
      | endpoint          | url                       |
      | contractor-laptop | https://wiki.example.com/ |

  @control:ZTA-T3
  Scenario: A deny rule without tags refuses every device for its destination
    When endpoint "hr-laptop" requests "https://intranet.example.com/admin/users"
    Then the request is denied with POLICY_DENY
    And the decision names the rule "intranet-admin"
    And the block page shows FortiOS error code "062"

  @control:ZTA-T1 @control:CM-7
  Scenario: A host no rule names is not an application of the access proxy
    When endpoint "hr-laptop" requests "https://payroll.internal.example.net/"
    Then the request is denied with APP_NOT_FOUND
    And the block page shows FortiOS error code "021"

  @control:ZTA-T1
  Scenario: A path of a served host that no rule covers is refused
    Given the access proxy has these proxy rules:
      | name        | host                | path     | action |
      | status-page | status.example.net  | /public/ | accept |
    When endpoint "hr-laptop" requests "https://status.example.net/public/health"
    Then the request is allowed
    When endpoint "hr-laptop" requests "https://status.example.net/internal/metrics"
    Then the request is denied with NO_POLICY_MATCH
    And the block page shows FortiOS error code "061"

  @control:ZTA-T3 @control:ZTA-T5 @control:ZTMM-DEV-1 @control:ZTMM-DEV-4
  Scenario: Access follows the device's posture as EMS updates its tags
    When EMS sets the ZTNA tags of endpoint "hr-laptop" to "Domain-Users, HR, Vulnerable"
    And endpoint "hr-laptop" requests "https://hr.example.com/"
    Then the request is denied with TAGS_DENY
    And the decision names the rule "quarantine"
    And the block page shows FortiOS error code "064"
    When EMS sets the ZTNA tags of endpoint "hr-laptop" to "Domain-Users, HR"
    And endpoint "hr-laptop" requests "https://hr.example.com/"
    Then the request is allowed
    And the decision names the rule "hr-app"

  Scenario: The first matching rule wins over a later one that would accept
    Given the access proxy has these proxy rules:
      | name        | host                 | tags         | action |
      | no-intranet | intranet.example.com | Domain-Users | deny   |
      | intranet    | intranet.example.com | Domain-Users | accept |
    When endpoint "dev-laptop" requests "https://intranet.example.com/"
    Then the request is denied with TAGS_DENY
    And the decision names the rule "no-intranet"

  Scenario: A wildcard host rule covers every subdomain
    Given the access proxy has these proxy rules:
      | name       | host          | tags       | action |
      | developers | *.example.com | Developers | accept |
    When endpoint "dev-laptop" requests "https://build.example.com/"
    Then the request is allowed
    And the decision names the rule "developers"
    When endpoint "dev-laptop" requests "https://build.example.org/"
    Then the request is denied with APP_NOT_FOUND
