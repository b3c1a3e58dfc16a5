// Flex Consumption plan + .NET isolated Function App running as the user-assigned identity.
@description('Function App name.')
param name string

@description('Flex Consumption plan name.')
param planName string

@description('Azure region (must offer Flex Consumption).')
param location string

@description('Resource tags.')
param tags object

@description('Resource id of the user-assigned identity.')
param identityId string

@description('Client id of the user-assigned identity.')
param identityClientId string

@description('Storage account used for AzureWebJobsStorage, Durable Functions and the app data.')
param storageAccountName string

@description('Primary blob endpoint of that account (ends with a slash).')
param storageBlobEndpoint string

@description('Blob container for the Flex deployment package.')
param deploymentContainerName string

@description('Application Insights resource name (same resource group).')
param appInsightsName string

@description('Key Vault URI (ends with a slash).')
param keyVaultUri string

@description('App settings to point at Key Vault secrets: [{ setting: string, secretName: string }].')
param keyVaultReferences array

@description('Value of Schedules__Enabled.')
param schedulesEnabled bool

@description('PiAPI calls back this app (its webhook secret is among the Key Vault references).')
param piapiWebhooks bool

@description('Runware calls back this app (its webhook secret is among the Key Vault references).')
param runwareWebhooks bool

@description('Upper bound on scale-out instances.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory per instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Require Entra ID sign-in (App Service Authentication) for everything but the health probe.')
param enableEntraAuth bool

@description('Client id of the Entra app registration (used when enableEntraAuth).')
param entraClientId string

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true // Linux
  }
}

// Flex Consumption rejects FUNCTIONS_WORKER_RUNTIME / FUNCTIONS_EXTENSION_VERSION / WEBSITE_RUN_FROM_PACKAGE:
// the runtime comes from functionAppConfig instead.
var baseAppSettings = [
  { name: 'AzureWebJobsStorage__accountName', value: storageAccountName }
  { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
  { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
  { name: 'Storage__AccountName', value: storageAccountName }
  { name: 'Storage__ClientId', value: identityClientId }
  { name: 'AZURE_CLIENT_ID', value: identityClientId }
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsights.properties.ConnectionString }
  // Application Insights has local auth off: the host and the worker's SDK send telemetry as the identity.
  { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'Authorization=AAD;ClientId=${identityClientId}' }
  { name: 'Schedules__Enabled', value: schedulesEnabled ? 'true' : 'false' }
]

// Providers post to /api/webhooks/<provider> under the app's default host name (name.azurewebsites.net).
var webhookAppSettings = concat(
  piapiWebhooks ? [{ name: 'Providers__PiApi__WebhookBaseUrl', value: 'https://${name}.azurewebsites.net/' }] : [],
  runwareWebhooks ? [{ name: 'Providers__Runware__WebhookBaseUrl', value: 'https://${name}.azurewebsites.net/' }] : []
)

// Versionless secret URIs so a rotated secret is picked up without redeploying.
var keyVaultAppSettings = map(keyVaultReferences, r => {
  name: r.setting
  value: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${r.secretName}/)'
})

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  // azd deploys the service named 'api' in azure.yaml to the resource with this tag.
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references resolve with this identity (there is no system-assigned one).
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: concat(baseAppSettings, webhookAppSettings, keyVaultAppSettings)
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageBlobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
        // Keep one warm instance for orchestrations/activities/entities so timers and queues don't cold-start.
        alwaysReady: [
          {
            name: 'durable'
            instanceCount: 1
          }
        ]
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// App Service Authentication runs in front of the Functions host: a browser is sent to the Entra sign-in
// page and comes back with a session cookie the dashboard's same-origin calls carry; API clients send a
// bearer token for the registration. Function keys still apply behind it (they are compiled into the
// triggers), so the dashboard keeps sending its key. The probe stays open for health checks.
resource auth 'Microsoft.Web/sites/config@2024-04-01' = if (enableEntraAuth) {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'RedirectToLoginPage'
      redirectToProvider: 'azureactivedirectory'
      excludedPaths: [
        '/api/health'
      ]
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: entraClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [
            entraClientId
            'api://${entraClientId}'
          ]
        }
      }
    }
    login: {
      tokenStore: {
        enabled: true
      }
    }
  }
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
