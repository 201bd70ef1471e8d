/**
 * Realistic computed values for the mocked AWS provider. `mock_provider` invents random strings
 * for computed attributes, which the provider's own validation then rejects (an ARN that does not
 * start with arn:, a version that is not semver), so every computed attribute our stacks feed into
 * another resource gets a value shaped like the real one.
 */
import type { Environment } from "../../src/config/environment";
import { partitionOf } from "../../src/naming/partitions";

/** What the mocked cluster reports; assertions compare rendered user-data against these. */
export function mockCluster(env: Pick<Environment, "region">) {
  const id = "0123456789ABCDEF0123456789ABCDEF";
  return {
    endpoint: `https://${id}.gr7.${env.region}.eks.amazonaws.com`,
    certificateAuthority: "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUM1ekNDQWMrZ0F3SUJBZ0lCQURBTkJna3Foa2lHOXcwQkFRc0ZBREFWTVJNd0VRWURWUVFERXdwcmRXSmwKLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo=",
    oidcIssuer: `https://oidc.eks.${env.region}.amazonaws.com/id/${id}`,
    clusterSecurityGroupId: "sg-0c1a5e7c1a5e7c1a5",
  };
}

/** The network a remote network stack would report. */
export function mockNetwork() {
  return {
    vpcId: "vpc-0d0e0f1a2b3c4d5e6",
    privateSubnetIds: ["subnet-0a0a0a0a0a0a0a0a1", "subnet-0a0a0a0a0a0a0a0a2", "subnet-0a0a0a0a0a0a0a0a3"],
    publicSubnetIds: ["subnet-0b0b0b0b0b0b0b0b1", "subnet-0b0b0b0b0b0b0b0b2", "subnet-0b0b0b0b0b0b0b0b3"],
  };
}

export const MOCK_AMI_ID = "ami-0fedcba9876543210";

/** The edge load balancer as the cluster stack's state reports it (for the traffic stack). */
export function mockEdgeLoadBalancer(env: Environment) {
  return { dnsName: `${env.cluster.name}-edge-0123456789abcdef.elb.${env.region}.amazonaws.com`, zoneId: "Z2IFOLAFXWLO4F" };
}

/** The key the access stack's mocked apply creates. */
export function mockKeyArn(env: Pick<Environment, "account" | "region">): string {
  return `arn:${partitionOf(env.region)}:kms:${env.region}:${env.account}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
}
export const MOCK_ADDON_VERSION = "v1.2.3-eksbuild.1";

/**
 * Defaults shared by every environment of one account and region (one mocked provider each):
 * nothing here names a cluster or a network; stack-fixtures.ts overrides those per stack.
 */
export function awsMockDefaults(env: Pick<Environment, "account" | "region">): { resources: Record<string, Record<string, unknown>>; data: Record<string, Record<string, unknown>> } {
  const p = partitionOf(env.region);
  const { account: a, region: r } = env;
  const cluster = mockCluster(env);
  return {
    resources: {
      aws_iam_role: { arn: `arn:${p}:iam::${a}:role/mocked-role`, unique_id: "AROAMOCKEDROLE000001" },
      aws_iam_policy: { arn: `arn:${p}:iam::${a}:policy/mocked-policy`, policy_id: "ANPAMOCKEDPOLICY0001" },
      // Each stack's own provider (HCP Terraform's or GitHub's) is derived from its URL: stack-fixtures.ts.
      aws_iam_openid_connect_provider: { arn: `arn:${p}:iam::${a}:oidc-provider/mocked.example` },
      aws_iam_group: { arn: `arn:${p}:iam::${a}:group/mocked-group`, unique_id: "AGPAMOCKEDGROUP00001" },
      aws_iam_instance_profile: { arn: `arn:${p}:iam::${a}:instance-profile/mocked-profile`, unique_id: "AIPAMOCKEDPROFILE001" },
      aws_kms_key: { arn: mockKeyArn(env), key_id: "1234abcd-12ab-34cd-56ef-1234567890ab" },
      aws_kms_alias: { arn: `arn:${p}:kms:${r}:${a}:alias/mocked`, target_key_arn: mockKeyArn(env) },
      aws_cloudwatch_log_group: { arn: `arn:${p}:logs:${r}:${a}:log-group:mocked` },
      aws_security_group: { id: "sg-0123456789abcdef0", arn: `arn:${p}:ec2:${r}:${a}:security-group/sg-0123456789abcdef0` },
      aws_vpc_security_group_ingress_rule: { id: "sgr-0123456789abcdef0", arn: `arn:${p}:ec2:${r}:${a}:security-group-rule/sgr-0123456789abcdef0` },
      aws_vpc_security_group_egress_rule: { id: "sgr-0fedcba9876543210", arn: `arn:${p}:ec2:${r}:${a}:security-group-rule/sgr-0fedcba9876543210` },
      aws_eks_cluster: {
        arn: `arn:${p}:eks:${r}:${a}:cluster/mocked`,
        endpoint: cluster.endpoint,
        certificate_authority: [{ data: cluster.certificateAuthority }],
        identity: [{ oidc: [{ issuer: cluster.oidcIssuer }] }],
        platform_version: "eks.1",
        status: "ACTIVE",
      },
      aws_eks_addon: { arn: `arn:${p}:eks:${r}:${a}:addon/mocked/mocked/00000000-0000-0000-0000-000000000000` },
      aws_sqs_queue: { arn: `arn:${p}:sqs:${r}:${a}:mocked`, url: `https://sqs.${r}.amazonaws.com/${a}/mocked` },
      aws_sns_topic: { arn: `arn:${p}:sns:${r}:${a}:mocked-topic` },
      aws_cloudwatch_metric_alarm: { arn: `arn:${p}:cloudwatch:${r}:${a}:alarm:mocked` },
      aws_cloudwatch_event_rule: { arn: `arn:${p}:events:${r}:${a}:rule/mocked` },
      aws_launch_template: { id: "lt-0123456789abcdef0", arn: `arn:${p}:ec2:${r}:${a}:launch-template/lt-0123456789abcdef0`, latest_version: 1, default_version: 1 },
      aws_autoscaling_group: { arn: `arn:${p}:autoscaling:${r}:${a}:autoScalingGroup:00000000-0000-0000-0000-000000000000:autoScalingGroupName/mocked` },
      aws_lb: {
        arn: `arn:${p}:elasticloadbalancing:${r}:${a}:loadbalancer/net/mocked/0123456789abcdef`,
        arn_suffix: "net/mocked/0123456789abcdef",
        dns_name: `mocked-0123456789abcdef.elb.${r}.amazonaws.com`,
        zone_id: "Z2IFOLAFXWLO4F",
      },
      aws_lb_target_group: {
        arn: `arn:${p}:elasticloadbalancing:${r}:${a}:targetgroup/edge-mocked/0123456789abcdef`,
        arn_suffix: "targetgroup/edge-mocked/0123456789abcdef",
        name: "edge-mocked",
      },
      aws_lb_listener: { arn: `arn:${p}:elasticloadbalancing:${r}:${a}:listener/net/mocked/0123456789abcdef/0123456789abcdef` },
      aws_eks_access_entry: { access_entry_arn: `arn:${p}:eks:${r}:${a}:access-entry/mocked/role/${a}/mocked/00000000-0000-0000-0000-000000000000` },
    },
    data: {
      aws_eks_addon_version: { version: MOCK_ADDON_VERSION },
      aws_subnet: { vpc_id: mockNetwork().vpcId },
      aws_ssm_parameter: { value: MOCK_AMI_ID, insecure_value: MOCK_AMI_ID },
    },
  };
}
