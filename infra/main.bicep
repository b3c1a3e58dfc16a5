// Gen Image Factory: Flex Consumption Function App (.NET isolated + Durable Functions on Azure Storage),
// Storage, Key Vault, monitoring and a user-assigned identity. Deploy into an existing resource group.
targetScope = 'resourceGroup'

@description('Azure region for every resource (must offer Flex Consumption).')
param location string = resourceGroup().location

@description('Short product prefix used in resource names (lowercase letters and digits).')
@minLength(2)
@maxLength(10)
param namePrefix string = 'genimg'

@description('Environment name, e.g. dev, test, prod (lowercase letters and digits).')
@minLength(1)
@maxLength(8)
param environmentName string = 'dev'

@description('Tags applied to every resource.')
param tags object = {}

@description('Run the schedule timer (Schedules__Enabled).')
param schedulesEnabled bool = true

@description('Upper bound on Flex Consumption scale-out instances.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory per Flex Consumption instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Turn on Key Vault purge protection (irreversible).')
param enableKeyVaultPurgeProtection bool = false

@description('Recover the soft-deleted Key Vault this deployment names (after its resource group was deleted and created again) instead of creating one.')
param recoverSoftDeletedKeyVault bool = false

@description('PiAPI key. Empty = leave the stored secret as is.')
@secure()
param piapiApiKey string = ''

@description('Runware key. Empty = leave the stored secret as is.')
@secure()
param runwareApiKey string = ''

@description('OpenAI key. Empty = leave the stored secret as is.')
@secure()
param openAiApiKey string = ''

@description('remove.bg key. Empty = leave the stored secret as is.')
@secure()
param removeBgApiKey string = ''

@description('PiAPI webhook secret (16 characters or more). Set: PiAPI calls the app back when a task ends (Providers__PiApi__WebhookBaseUrl is the app\'s own URL), so a generation polls once instead of every interval. Empty = leave the stored secret as is.')
@secure()
param piapiWebhookSecret string = ''

@description('Runware webhook secret (16 characters or more). Set: Runware tasks run asynchronously and Runware calls the app back when their images are done (Providers__Runware__WebhookBaseUrl is the app\'s own URL; the call\'s URL carries a token derived from the secret). Empty = leave the stored secret as is.')
@secure()
param runwareWebhookSecret string = ''

@description('Providers whose secret is already in the vault (set earlier or with az keyvault secret set) and must be referenced even when no value is passed now.')
@allowed([
  'piapi'
  'runware'
  'openai'
  'removebg'
  'piapi-webhook'
  'runware-webhook'
])
param providersAlreadyInVault array = []

@description('Put Entra ID sign-in (App Service Authentication) in front of the app: the production option. Off by default, when function keys alone guard the API.')
param enableEntraAuth bool = false

@description('Application (client) id of the Entra app registration users sign in to; required when enableEntraAuth is true.')
param entraClientId string = ''

var suffix = uniqueString(resourceGroup().id)
var baseName = toLower('${namePrefix}-${environmentName}')
var compactName = replace(toLower('${namePrefix}${environmentName}'), '-', '')
var allTags = union({ product: 'gen-image-factory', environment: environmentName }, tags)

// Global names: storage <= 24 lowercase alphanumerics, Key Vault <= 24, function app kept <= 32.
var storageAccountName = 'st${take(compactName, 9)}${suffix}'
var keyVaultName = 'kv${take(compactName, 9)}${suffix}'
var functionAppName = 'func-${take(baseName, 13)}-${suffix}'

// An unresolvable Key Vault reference reaches the app as the literal '@Microsoft.KeyVault(...)' string,
// which the code would take for a real key; so only reference secrets that exist.
var providers = [
  {
    id: 'piapi'
    setting: 'PIAPI_API_KEY'
    secretName: 'piapi-api-key'
    supplied: !empty(piapiApiKey)
  }
  {
    id: 'runware'
    setting: 'RUNWARE_API_KEY'
    secretName: 'runware-api-key'
    supplied: !empty(runwareApiKey)
  }
  {
    id: 'openai'
    setting: 'OPENAI_API_KEY'
    secretName: 'openai-api-key'
    supplied: !empty(openAiApiKey)
  }
  {
    id: 'removebg'
    setting: 'REMOVE_BG_API_KEY'
    secretName: 'remove-bg-api-key'
    supplied: !empty(removeBgApiKey)
  }
  {
    id: 'piapi-webhook'
    setting: 'Providers__PiApi__WebhookSecret'
    secretName: 'piapi-webhook-secret'
    supplied: !empty(piapiWebhookSecret)
  }
  {
    id: 'runware-webhook'
    setting: 'Providers__Runware__WebhookSecret'
    secretName: 'runware-webhook-secret'
    supplied: !empty(runwareWebhookSecret)
  }
]
var keyVaultReferences = map(
  filter(providers, p => p.supplied || contains(providersAlreadyInVault, p.id)),
  p => { setting: p.setting, secretName: p.secretName }
)

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: 'id-${baseName}-${suffix}'
    location: location
    tags: allTags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: 'log-${baseName}-${suffix}'
    appInsightsName: 'appi-${baseName}-${suffix}'
    location: location
    tags: allTags
    principalId: identity.outputs.principalId
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: storageAccountName
    location: location
    tags: allTags
    deploymentContainerName: 'app-package'
    principalId: identity.outputs.principalId
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyVault'
  params: {
    name: keyVaultName
    location: location
    tags: allTags
    principalId: identity.outputs.principalId
    enablePurgeProtection: enableKeyVaultPurgeProtection
    recoverSoftDeleted: recoverSoftDeletedKeyVault
    secretValues: {
      'piapi-api-key': piapiApiKey
      'runware-api-key': runwareApiKey
      'openai-api-key': openAiApiKey
      'remove-bg-api-key': removeBgApiKey
      'piapi-webhook-secret': piapiWebhookSecret
      'runware-webhook-secret': runwareWebhookSecret
    }
  }
}

// Depends on the storage and Key Vault modules (and so their role assignments) through their outputs,
// so the app never starts before its identity can read the package, host storage and secrets.
module functionApp 'modules/functionapp.bicep' = {
  name: 'functionApp'
  params: {
    name: functionAppName
    planName: 'plan-${baseName}-${suffix}'
    location: location
    tags: allTags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    storageBlobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerName: storage.outputs.deploymentContainerName
    appInsightsName: monitoring.outputs.appInsightsName
    keyVaultUri: keyVault.outputs.vaultUri
    keyVaultReferences: keyVaultReferences
    // The base URL goes with the secret: the app refuses to start with one and not the other.
    piapiWebhooks: !empty(piapiWebhookSecret) || contains(providersAlreadyInVault, 'piapi-webhook')
    runwareWebhooks: !empty(runwareWebhookSecret) || contains(providersAlreadyInVault, 'runware-webhook')
    schedulesEnabled: schedulesEnabled
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    enableEntraAuth: enableEntraAuth
    entraClientId: entraClientId
  }
}

@description('Base URL of the HTTP API.')
output apiBaseUrl string = 'https://${functionApp.outputs.defaultHostName}/api'

@description('Function App name (for az functionapp deployment source config-zip).')
output functionAppName string = functionApp.outputs.name

@description('Storage account name (Storage__AccountName).')
output storageAccountName string = storage.outputs.name

@description('Key Vault name (for az keyvault secret set).')
output keyVaultName string = keyVault.outputs.name

@description('Client id of the user-assigned identity.')
output identityClientId string = identity.outputs.clientId
