/**
 * Every rule an environment must pass, from every layer, in the one place that may import them
 * all: config's own (src/config/rules/), naming's (src/naming/rules.ts), the charts' and the
 * user-data's. The order of a stage is the order its problems are reported in.
 */
import { accessEntries } from "../config/rules/admin-role-and-access-entries";
import { externalDnsScope, traefikNeedsEdge } from "../config/rules/addons";
import { autoscalerCanModelPool } from "../config/rules/autoscaler";
import { alarmTopicRegion, drainerIdentityHasEffect } from "../config/rules/drainer";
import { edgeNeedsEdgePool, edgePorts, edgePublicSubnets } from "../config/rules/edge";
import { endpointAccessCidrs, publicEndpointCoverage } from "../config/rules/endpoint";
import { oneGithubOidcProvider, oneTerraformCloudOidcProvider, uniqueClusters, uniqueEnvironmentNames } from "../config/rules/fleet";
import { distinctLogTypes } from "../config/rules/logging";
import { serviceCidrRange } from "../config/rules/network";
import { noBroadNodePolicies } from "../config/rules/node-policies";
import { hasSystemPool, maxPodsNeedsPrefixDelegation, poolCount, systemPoolsRun } from "../config/rules/pools";
import { eachPool, fileByFile, type EnvironmentRule, type FleetRule } from "../config/rules/rule";
import { checkTraffic, weightedRecordsNeedExternalDns } from "../config/rules/traffic";
import { chartsCanBePlaced, extraValuesFitCharts } from "../charts/rules";
import { nameCollisions } from "../naming/name-collisions";
import { adminRoleArn, clusterNameLengths, distinctStateLocations, networkSourceIsNotAStack, poolNames, tagCount } from "../naming/rules";
import { userDataFits } from "../userdata/rules";

/**
 * Rules over one environment, run after its file was read (schema and pool rules passed). A stage
 * runs only when the stages before it found nothing.
 */
export const ENVIRONMENT_RULE_STAGES: readonly (readonly EnvironmentRule[])[] = [
  [
    serviceCidrRange,
    endpointAccessCidrs,
    distinctLogTypes,
    accessEntries(adminRoleArn),
    poolNames,
    eachPool(autoscalerCanModelPool, maxPodsNeedsPrefixDelegation),
    hasSystemPool,
    noBroadNodePolicies,
    publicEndpointCoverage,
    tagCount,
    userDataFits,
    poolCount,
    systemPoolsRun,
    weightedRecordsNeedExternalDns,
    checkTraffic,
    clusterNameLengths,
    edgeNeedsEdgePool,
    edgePorts,
    edgePublicSubnets,
    externalDnsScope,
    traefikNeedsEdge,
    alarmTopicRegion,
    drainerIdentityHasEffect,
    chartsCanBePlaced,
  ],
  // Extra Helm values are merged over generated values, which need everything above to hold.
  [extraValuesFitCharts],
];

/** Rules across every environment that passed its own. */
export const FLEET_RULES: readonly FleetRule[] = [
  fileByFile(uniqueEnvironmentNames, uniqueClusters, distinctStateLocations),
  nameCollisions,
  oneTerraformCloudOidcProvider,
  networkSourceIsNotAStack,
  oneGithubOidcProvider,
];
