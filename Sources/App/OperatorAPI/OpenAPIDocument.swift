import Foundation
import Hummingbird

/// The OpenAPI 3.1 document of the operator API, served at `/api/v1/openapi.json`. Written by hand beside the routes
/// (see docs/DECISIONS.md); `OperatorAPIDocumentTests` checks that its paths and methods are exactly the router's.
enum OpenAPIDocument {
    /// The document's JSON text.
    static let json = #"""
        {
          "openapi": "3.1.0",
          "info": {
            "title": "Zapis operator API",
            "version": "1.0.0",
            "description": "Tenants, their lifecycle, stats and bot health for the operator of a Zapis service. Every call but this document needs `Authorization: Bearer <token>` (create one with `zapis operator token create NAME`). Errors are RFC 9457 problem details (`application/problem+json`)."
          },
          "servers": [
            {
              "url": "/api/v1"
            }
          ],
          "security": [
            {
              "bearer": []
            }
          ],
          "paths": {
            "/openapi.json": {
              "get": {
                "operationId": "getOpenAPIDocument",
                "summary": "This document.",
                "responses": {
                  "200": {
                    "description": "The OpenAPI document.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "type": "object"
                        }
                      }
                    }
                  }
                },
                "security": []
              }
            },
            "/tenants": {
              "get": {
                "operationId": "listTenants",
                "summary": "Tenants by id, a page at a time.",
                "responses": {
                  "200": {
                    "description": "OK",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/TenantPage"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  }
                },
                "parameters": [
                  {
                    "name": "limit",
                    "in": "query",
                    "required": false,
                    "description": "Page size, 1–200 (default 50).",
                    "schema": {
                      "type": "integer",
                      "minimum": 1,
                      "maximum": 200,
                      "default": 50
                    }
                  },
                  {
                    "name": "cursor",
                    "in": "query",
                    "required": false,
                    "description": "`next_cursor` of the previous page (not with offset).",
                    "schema": {
                      "type": "string",
                      "maxLength": 64
                    }
                  },
                  {
                    "name": "offset",
                    "in": "query",
                    "required": false,
                    "description": "Tenants to skip (not with cursor).",
                    "schema": {
                      "type": "integer",
                      "minimum": 0,
                      "maximum": 2147483647
                    }
                  }
                ]
              },
              "post": {
                "operationId": "createTenant",
                "summary": "Add a tenant: the token is checked with getMe.",
                "responses": {
                  "201": {
                    "description": "Created.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Tenant"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "409": {
                    "$ref": "#/components/responses/Conflict"
                  },
                  "422": {
                    "$ref": "#/components/responses/TokenRefused"
                  }
                },
                "requestBody": {
                  "required": true,
                  "content": {
                    "application/json": {
                      "schema": {
                        "$ref": "#/components/schemas/CreateTenant"
                      }
                    }
                  }
                }
              }
            },
            "/tenants/{id}": {
              "parameters": [
                {
                  "$ref": "#/components/parameters/TenantID"
                }
              ],
              "get": {
                "operationId": "getTenant",
                "summary": "One tenant.",
                "responses": {
                  "200": {
                    "description": "OK",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Tenant"
                        }
                      }
                    }
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "404": {
                    "$ref": "#/components/responses/NotFound"
                  }
                }
              },
              "patch": {
                "operationId": "editTenant",
                "summary": "Change profile fields; omitted fields stay.",
                "responses": {
                  "200": {
                    "description": "OK",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Tenant"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "404": {
                    "$ref": "#/components/responses/NotFound"
                  }
                },
                "requestBody": {
                  "required": true,
                  "content": {
                    "application/json": {
                      "schema": {
                        "$ref": "#/components/schemas/EditTenant"
                      }
                    }
                  }
                }
              }
            },
            "/tenants/{id}/suspend": {
              "parameters": [
                {
                  "$ref": "#/components/parameters/TenantID"
                }
              ],
              "post": {
                "operationId": "suspendTenant",
                "summary": "Pause the bot: customers get the 'temporarily unavailable' text, owners see the reason.",
                "responses": {
                  "200": {
                    "description": "OK",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Tenant"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "404": {
                    "$ref": "#/components/responses/NotFound"
                  },
                  "409": {
                    "$ref": "#/components/responses/Conflict"
                  }
                },
                "requestBody": {
                  "required": true,
                  "content": {
                    "application/json": {
                      "schema": {
                        "$ref": "#/components/schemas/Suspend"
                      }
                    }
                  }
                }
              }
            },
            "/tenants/{id}/resume": {
              "parameters": [
                {
                  "$ref": "#/components/parameters/TenantID"
                }
              ],
              "post": {
                "operationId": "resumeTenant",
                "summary": "Serve again (from suspended, or deleted within its grace period).",
                "responses": {
                  "200": {
                    "description": "OK",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Tenant"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "404": {
                    "$ref": "#/components/responses/NotFound"
                  },
                  "409": {
                    "$ref": "#/components/responses/Conflict"
                  }
                },
                "requestBody": {
                  "required": false,
                  "content": {
                    "application/json": {
                      "schema": {
                        "$ref": "#/components/schemas/Empty"
                      }
                    }
                  }
                }
              }
            },
            "/tenants/{id}/delete": {
              "parameters": [
                {
                  "$ref": "#/components/parameters/TenantID"
                }
              ],
              "post": {
                "operationId": "deleteTenant",
                "summary": "Stop serving and remove the webhook; the data is purged after the grace period.",
                "responses": {
                  "200": {
                    "description": "OK",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Tenant"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "404": {
                    "$ref": "#/components/responses/NotFound"
                  },
                  "409": {
                    "$ref": "#/components/responses/Conflict"
                  }
                },
                "requestBody": {
                  "required": false,
                  "content": {
                    "application/json": {
                      "schema": {
                        "$ref": "#/components/schemas/Delete"
                      }
                    }
                  }
                }
              }
            },
            "/tenants/{id}/token": {
              "parameters": [
                {
                  "$ref": "#/components/parameters/TenantID"
                }
              ],
              "post": {
                "operationId": "setTenantToken",
                "summary": "Replace the bot token (checked with getMe: the same bot unless new_bot).",
                "responses": {
                  "200": {
                    "description": "OK",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Tenant"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "404": {
                    "$ref": "#/components/responses/NotFound"
                  },
                  "422": {
                    "$ref": "#/components/responses/TokenRefused"
                  }
                },
                "requestBody": {
                  "required": true,
                  "content": {
                    "application/json": {
                      "schema": {
                        "$ref": "#/components/schemas/SetToken"
                      }
                    }
                  }
                }
              }
            },
            "/tenants/{id}/stats": {
              "parameters": [
                {
                  "$ref": "#/components/parameters/TenantID"
                }
              ],
              "get": {
                "operationId": "getTenantStats",
                "summary": "Customers, bookings by status, latest update.",
                "responses": {
                  "200": {
                    "description": "OK",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/TenantStats"
                        }
                      }
                    }
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "404": {
                    "$ref": "#/components/responses/NotFound"
                  }
                }
              }
            },
            "/tenants/{id}/health": {
              "parameters": [
                {
                  "$ref": "#/components/parameters/TenantID"
                }
              ],
              "get": {
                "operationId": "getTenantHealth",
                "summary": "The bot's webhook info from Telegram and whether its token is refused.",
                "responses": {
                  "200": {
                    "description": "OK",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/BotHealth"
                        }
                      }
                    }
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "404": {
                    "$ref": "#/components/responses/NotFound"
                  }
                }
              }
            },
            "/stats": {
              "get": {
                "operationId": "getPlatformStats",
                "summary": "Tenants by status, outbox backlog, operator tokens.",
                "responses": {
                  "200": {
                    "description": "OK",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/PlatformStats"
                        }
                      }
                    }
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  }
                }
              }
            },
            "/audit": {
              "get": {
                "operationId": "listOperatorAudit",
                "summary": "The operator audit, newest first.",
                "responses": {
                  "200": {
                    "description": "OK",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/AuditPage"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  }
                },
                "parameters": [
                  {
                    "name": "limit",
                    "in": "query",
                    "required": false,
                    "description": "Page size, 1–200 (default 50).",
                    "schema": {
                      "type": "integer",
                      "minimum": 1,
                      "maximum": 200,
                      "default": 50
                    }
                  },
                  {
                    "name": "tenant",
                    "in": "query",
                    "required": false,
                    "description": "Only this tenant's entries.",
                    "schema": {
                      "type": "string",
                      "maxLength": 64
                    }
                  }
                ]
              }
            }
          },
          "components": {
            "securitySchemes": {
              "bearer": {
                "type": "http",
                "scheme": "bearer",
                "description": "A token from `zapis operator token create NAME`."
              }
            },
            "parameters": {
              "TenantID": {
                "name": "id",
                "in": "path",
                "required": true,
                "description": "Tenant id: 3–40 of a-z, 0-9, _ starting with a letter.",
                "schema": {
                  "type": "string",
                  "maxLength": 64
                }
              }
            },
            "responses": {
              "BadRequest": {
                "description": "The request is malformed or a value is not acceptable; nothing was changed.",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "Unauthorized": {
                "description": "No bearer token, or an unknown or revoked one.",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "NotFound": {
                "description": "No such tenant.",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "Conflict": {
                "description": "The tenant's state does not allow it (e.g. already suspended), or the id is taken.",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "TokenRefused": {
                "description": "Telegram refused the bot token, or it belongs to another bot.",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              }
            },
            "schemas": {
              "Problem": {
                "type": "object",
                "description": "RFC 9457 problem details.",
                "required": [
                  "type",
                  "title",
                  "status",
                  "detail"
                ],
                "properties": {
                  "type": {
                    "type": "string"
                  },
                  "title": {
                    "type": "string"
                  },
                  "status": {
                    "type": "integer"
                  },
                  "detail": {
                    "type": "string"
                  }
                }
              },
              "Tenant": {
                "type": "object",
                "required": [
                  "id",
                  "name",
                  "status",
                  "status_reason",
                  "token_invalid",
                  "bot_id",
                  "bot_username",
                  "owner_id",
                  "time_zone",
                  "language",
                  "currency",
                  "address",
                  "contact",
                  "created_at"
                ],
                "properties": {
                  "id": {
                    "type": "string"
                  },
                  "name": {
                    "type": "string"
                  },
                  "status": {
                    "type": "string",
                    "enum": [
                      "trial",
                      "active",
                      "suspended",
                      "deleted"
                    ]
                  },
                  "status_reason": {
                    "type": "string"
                  },
                  "status_changed_at": {
                    "type": "string",
                    "format": "date-time"
                  },
                  "token_invalid": {
                    "type": "boolean",
                    "description": "Telegram refuses the bot's token (401)."
                  },
                  "bot_id": {
                    "type": "integer",
                    "format": "int64"
                  },
                  "bot_username": {
                    "type": "string"
                  },
                  "owner_id": {
                    "type": "integer",
                    "format": "int64"
                  },
                  "time_zone": {
                    "type": "string"
                  },
                  "language": {
                    "type": "string"
                  },
                  "currency": {
                    "type": "string"
                  },
                  "address": {
                    "type": "string"
                  },
                  "contact": {
                    "type": "string"
                  },
                  "created_at": {
                    "type": "string",
                    "format": "date-time"
                  }
                }
              },
              "TenantPage": {
                "type": "object",
                "required": [
                  "items",
                  "total"
                ],
                "properties": {
                  "items": {
                    "type": "array",
                    "items": {
                      "$ref": "#/components/schemas/Tenant"
                    }
                  },
                  "next_cursor": {
                    "type": "string",
                    "description": "Absent on the last page."
                  },
                  "total": {
                    "type": "integer"
                  }
                }
              },
              "CreateTenant": {
                "type": "object",
                "additionalProperties": false,
                "required": [
                  "id",
                  "name",
                  "token",
                  "owner_id"
                ],
                "properties": {
                  "id": {
                    "type": "string",
                    "description": "3–40 of a-z, 0-9, _ starting with a letter."
                  },
                  "name": {
                    "type": "string",
                    "minLength": 1,
                    "maxLength": 100
                  },
                  "token": {
                    "type": "string",
                    "description": "The bot token from BotFather (never shown again)."
                  },
                  "owner_id": {
                    "type": "integer",
                    "format": "int64",
                    "minimum": 1
                  },
                  "time_zone": {
                    "type": "string",
                    "description": "IANA zone (default Europe/Moscow)."
                  },
                  "address": {
                    "type": "string",
                    "maxLength": 500
                  },
                  "contact": {
                    "type": "string",
                    "maxLength": 500
                  }
                }
              },
              "EditTenant": {
                "type": "object",
                "additionalProperties": false,
                "minProperties": 1,
                "properties": {
                  "name": {
                    "type": "string",
                    "minLength": 1,
                    "maxLength": 100
                  },
                  "time_zone": {
                    "type": "string"
                  },
                  "language": {
                    "type": "string",
                    "enum": [
                      "ru",
                      "en"
                    ]
                  },
                  "currency": {
                    "type": "string",
                    "pattern": "^[A-Z]{3}$"
                  },
                  "address": {
                    "type": "string",
                    "maxLength": 500
                  },
                  "contact": {
                    "type": "string",
                    "maxLength": 500
                  },
                  "owner_id": {
                    "type": "integer",
                    "format": "int64",
                    "minimum": 1
                  }
                }
              },
              "Suspend": {
                "type": "object",
                "additionalProperties": false,
                "required": [
                  "reason"
                ],
                "properties": {
                  "reason": {
                    "type": "string",
                    "maxLength": 500,
                    "description": "Shown to the tenant's owners."
                  },
                  "cancel_reminders": {
                    "type": "boolean",
                    "default": false
                  }
                }
              },
              "Delete": {
                "type": "object",
                "additionalProperties": false,
                "properties": {
                  "reason": {
                    "type": "string",
                    "maxLength": 500
                  }
                }
              },
              "Empty": {
                "type": "object",
                "additionalProperties": false
              },
              "SetToken": {
                "type": "object",
                "additionalProperties": false,
                "required": [
                  "token"
                ],
                "properties": {
                  "token": {
                    "type": "string"
                  },
                  "new_bot": {
                    "type": "boolean",
                    "default": false,
                    "description": "Move the tenant to the token's bot."
                  }
                }
              },
              "TenantStats": {
                "type": "object",
                "required": [
                  "tenant",
                  "customers",
                  "bookings"
                ],
                "properties": {
                  "tenant": {
                    "type": "string"
                  },
                  "customers": {
                    "type": "integer"
                  },
                  "bookings": {
                    "type": "object",
                    "required": [
                      "confirmed",
                      "cancelled",
                      "completed",
                      "no_show"
                    ],
                    "properties": {
                      "confirmed": {
                        "type": "integer"
                      },
                      "cancelled": {
                        "type": "integer"
                      },
                      "completed": {
                        "type": "integer"
                      },
                      "no_show": {
                        "type": "integer"
                      }
                    }
                  },
                  "last_update_at": {
                    "type": "string",
                    "format": "date-time",
                    "description": "When the latest update was processed (absent when none is recorded in the database)."
                  }
                }
              },
              "BotHealth": {
                "type": "object",
                "required": [
                  "tenant",
                  "status",
                  "token_invalid",
                  "token_unreadable"
                ],
                "properties": {
                  "tenant": {
                    "type": "string"
                  },
                  "status": {
                    "type": "string",
                    "enum": [
                      "trial",
                      "active",
                      "suspended",
                      "deleted"
                    ]
                  },
                  "token_invalid": {
                    "type": "boolean"
                  },
                  "token_error": {
                    "type": "string"
                  },
                  "token_error_at": {
                    "type": "string",
                    "format": "date-time"
                  },
                  "token_unreadable": {
                    "type": "boolean",
                    "description": "The token does not open with this service's master key."
                  },
                  "webhook": {
                    "type": "object",
                    "required": [
                      "url",
                      "pending_update_count"
                    ],
                    "properties": {
                      "url": {
                        "type": "string"
                      },
                      "pending_update_count": {
                        "type": "integer"
                      },
                      "last_error_date": {
                        "type": "string",
                        "format": "date-time"
                      },
                      "last_error_message": {
                        "type": "string"
                      }
                    }
                  },
                  "telegram_error": {
                    "type": "string",
                    "description": "Why getWebhookInfo failed."
                  }
                }
              },
              "PlatformStats": {
                "type": "object",
                "required": [
                  "tenants",
                  "outbox_due_rows",
                  "outbox_oldest_due_age_seconds",
                  "operator_tokens"
                ],
                "properties": {
                  "tenants": {
                    "type": "object",
                    "required": [
                      "trial",
                      "active",
                      "suspended",
                      "deleted",
                      "token_invalid"
                    ],
                    "properties": {
                      "trial": {
                        "type": "integer"
                      },
                      "active": {
                        "type": "integer"
                      },
                      "suspended": {
                        "type": "integer"
                      },
                      "deleted": {
                        "type": "integer"
                      },
                      "token_invalid": {
                        "type": "integer"
                      }
                    }
                  },
                  "outbox_due_rows": {
                    "type": "integer"
                  },
                  "outbox_oldest_due_age_seconds": {
                    "type": "number"
                  },
                  "operator_tokens": {
                    "type": "integer"
                  }
                }
              },
              "AuditEntry": {
                "type": "object",
                "required": [
                  "id",
                  "at",
                  "actor",
                  "action",
                  "detail"
                ],
                "properties": {
                  "id": {
                    "type": "integer",
                    "format": "int64"
                  },
                  "at": {
                    "type": "string",
                    "format": "date-time"
                  },
                  "actor": {
                    "type": "string"
                  },
                  "tenant": {
                    "type": "string"
                  },
                  "action": {
                    "type": "string"
                  },
                  "detail": {
                    "type": "string"
                  }
                }
              },
              "AuditPage": {
                "type": "object",
                "required": [
                  "items"
                ],
                "properties": {
                  "items": {
                    "type": "array",
                    "items": {
                      "$ref": "#/components/schemas/AuditEntry"
                    }
                  }
                }
              }
            }
          }
        }
        """#

    static var response: Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: json)))
    }
}
