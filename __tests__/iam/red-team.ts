/**
 * The red-team corpus: requests that must be denied. Each case is one way the admin role, a node,
 * a pod or another principal of the account could reach beyond its cluster, or rebuild a path out
 * of it (a backdoor role, a rewritten trust, a retagged resource, a forged drain event). Every
 * case names the promise it tests; a case applies only where the environment has the principal it
 * needs (external-dns runs in production only, for example).
 *
 * "Foreign" names below belong to another cluster of the same account and region: the attacks
 * that matter are the ones IAM would otherwise allow inside one account.
 */
import { names, OWNER_TAG_KEY } from "../../src/naming/names";
import type { Context, Request } from "./evaluate";
import type { IamWorld, RoleModel } from "./iam-world";
import { arnsFor, ownedBy, requestTags, type Targets } from "./must-allow";

export interface RedTeamCase {
  id: string;
  /**
   * `escape`: an attack the policies before this corpus existed allowed (measured against the
   * generated policies of commit 85d912e); `guard`: a line those policies already held, kept so it
   * stays held.
   */
  kind: "escape" | "guard";
  /** The promise the case tests (the README's permission section names the same). */
  promise: string;
  request: Request;
}

const FOREIGN = "other-cluster";
const ID = "0123456789abcdef0";

/** An identity of the account, beyond the environment's own roles, holding broad permissions of its own. */
const otherRole = (account: string, statement: { Action: string | string[]; Resource: string }) => ({
  otherRole: {
    arn: `arn:aws:iam::${account}:role/platform-ci`,
    policies: [{ Version: "2012-10-17" as const, Statement: [{ Effect: "Allow" as const, ...statement }] }],
  },
});

export function redTeam(w: IamWorld, t: Targets): RedTeamCase[] {
  const x = arnsFor(t);
  const { account: a, region: r, cluster: c } = t;
  const ec2 = (type: string, id: string) => `arn:aws:ec2:${r}:${a}:${type}/${id}`;
  const foreign = {
    vpc: ec2("vpc", "vpc-0f0f0f0f0f0f0f0f0"),
    subnet: ec2("subnet", "subnet-0f0f0f0f0f0f0f0f0"),
    volume: ec2("volume", "vol-0f0f0f0f0f0f0f0f0"),
    instance: ec2("instance", "i-0f0f0f0f0f0f0f0f0"),
    eni: ec2("network-interface", "eni-0f0f0f0f0f0f0f0f0"),
    queue: `arn:aws:sqs:${r}:${a}:${FOREIGN}-node-drain`,
    foreignAccountQueue: `arn:aws:sqs:${r}:999988887777:exfiltrate`,
    cluster: `arn:aws:eks:${r}:${a}:cluster/${FOREIGN}`,
    nodeRole: `arn:aws:iam::${a}:role/eks/${FOREIGN}/${FOREIGN}-node-general`,
    targetGroup: `arn:aws:elasticloadbalancing:${r}:${a}:targetgroup/${FOREIGN}-8000/${ID.slice(1)}`,
    autoScalingGroup: `arn:aws:autoscaling:${r}:${a}:autoScalingGroup:0ac6f2c4-1b2a-4c4d-9e8f-${ID.slice(5)}:autoScalingGroupName/${FOREIGN}-general`,
    zone: "arn:aws:route53:::hostedzone/Z0FOREIGNZONE0",
  };
  const vpcIs = (vpc: string): Context => ({ "ec2:Vpc": vpc });
  const admin = { role: w.admin, mfa: true };
  const as = (role: RoleModel) => ({ role });
  const cases: RedTeamCase[] = [];
  const add = (id: string, promise: string, request: Request) => cases.push({ id, kind: "escape", promise, request });
  const guard = (id: string, promise: string, request: Request) => cases.push({ id, kind: "guard", promise, request });

  // 1. The admin role creates no IAM role and edits no trust or policy.
  const iamWrite = "the admin role creates no role and writes no trust or policy";
  const someNodeRole = Object.values(w.nodes)[0];
  // With the boundary the project used to require, which made these calls allowed.
  const boundary = { "iam:PermissionsBoundary": `arn:aws:iam::${a}:policy/eks-admin/${c}-eks-boundary` };
  add("admin-create-role", iamWrite, { caller: admin, action: "iam:CreateRole", resource: `arn:aws:iam::${a}:role/eks/${c}/${c}-node-backdoor`, context: boundary });
  add("admin-rewrite-node-trust", iamWrite, { caller: admin, action: "iam:UpdateAssumeRolePolicy", resource: someNodeRole.arn });
  guard("admin-attach-administrator", iamWrite, {
    caller: admin,
    action: "iam:AttachRolePolicy",
    resource: someNodeRole.arn,
    context: { "iam:PolicyARN": "arn:aws:iam::aws:policy/AdministratorAccess" },
  });
  add("admin-attach-cni-policy-to-node", iamWrite, {
    caller: admin,
    action: "iam:AttachRolePolicy",
    resource: someNodeRole.arn,
    context: { ...boundary, "iam:PolicyARN": "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy" },
  });
  guard("admin-inline-policy-on-workload-role", iamWrite, { caller: admin, action: "iam:PutRolePolicy", resource: Object.values(w.workloads)[0].arn });
  guard("admin-new-policy-version", iamWrite, { caller: admin, action: "iam:CreatePolicyVersion", resource: `arn:aws:iam::${a}:policy/eks/${c}/${c}-drainer-permissions` });
  guard("admin-oidc-provider", iamWrite, { caller: admin, action: "iam:CreateOpenIDConnectProvider", resource: `arn:aws:iam::${a}:oidc-provider/oidc.eks.${r}.amazonaws.com/id/BACKDOOR` });
  guard("admin-rewrite-own-trust", iamWrite, { caller: admin, action: "iam:UpdateAssumeRolePolicy", resource: w.admin.arn });
  guard("admin-service-linked-role-for-other-service", iamWrite, {
    caller: admin,
    action: "iam:CreateServiceLinkedRole",
    resource: `arn:aws:iam::${a}:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS`,
    context: { "iam:AWSServiceName": "ecs.amazonaws.com" },
  });

  // PassRole: exactly this cluster's roles, each to its one service.
  const pass = "the admin role passes each of this cluster's roles to its one service, and no other role";
  guard("admin-pass-node-role-to-eks", pass, { caller: admin, action: "iam:PassRole", resource: someNodeRole.arn, context: { "iam:PassedToService": "eks.amazonaws.com" } });
  guard("admin-pass-control-plane-role-to-ec2", pass, { caller: admin, action: "iam:PassRole", resource: w.controlPlane.arn, context: { "iam:PassedToService": "ec2.amazonaws.com" } });
  guard("admin-pass-workload-role-to-ec2", pass, { caller: admin, action: "iam:PassRole", resource: Object.values(w.workloads)[0].arn, context: { "iam:PassedToService": "ec2.amazonaws.com" } });
  guard("admin-pass-foreign-node-role", pass, { caller: admin, action: "iam:PassRole", resource: foreign.nodeRole, context: { "iam:PassedToService": "ec2.amazonaws.com" } });
  guard("admin-pass-itself", pass, { caller: admin, action: "iam:PassRole", resource: w.admin.arn, context: { "iam:PassedToService": "ec2.amazonaws.com" } });

  // 5. Conditions where an ARN cannot scope.
  const vpc = "the admin role builds only in the cluster's VPC and subnets";
  add("admin-security-group-in-other-vpc", vpc, { caller: admin, action: "ec2:CreateSecurityGroup", resource: foreign.vpc });
  add("admin-launch-into-other-vpc-subnet", vpc, {
    caller: admin,
    action: "ec2:RunInstances",
    resource: foreign.subnet,
    context: { ...vpcIs(foreign.vpc), "ec2:LaunchTemplate": x.launchTemplate, "ec2:IsLaunchTemplateResource": "false" },
  });
  guard("admin-launch-with-foreign-template", vpc, {
    caller: admin,
    action: "ec2:RunInstances",
    resource: x.launchTemplate,
    context: { ...ownedBy(FOREIGN, "ec2"), "ec2:IsLaunchTemplateResource": "true" },
  });
  add("admin-group-in-foreign-subnet", vpc, {
    caller: admin,
    action: "autoscaling:CreateAutoScalingGroup",
    resource: x.autoScalingGroup,
    context: { ...requestTags({ [OWNER_TAG_KEY]: c }), "autoscaling:VPCZoneIdentifiers": [foreign.subnet.split("/")[1]] },
  });
  add("admin-move-group-to-foreign-subnet", vpc, {
    caller: admin,
    action: "autoscaling:UpdateAutoScalingGroup",
    resource: x.autoScalingGroup,
    context: { ...ownedBy(c, "autoscaling"), "autoscaling:VPCZoneIdentifiers": [foreign.subnet.split("/")[1]] },
  });
  const edge = "Auto Scaling groups sit behind this cluster's edge target groups only";
  add("admin-group-behind-foreign-target-group", edge, {
    caller: admin,
    action: "autoscaling:AttachLoadBalancerTargetGroups",
    resource: x.autoScalingGroup,
    context: { ...ownedBy(c, "autoscaling"), "autoscaling:TargetGroupARNs": [foreign.targetGroup] },
  });

  const rules = "the drain rules match only node events and target only the drain queue";
  add("admin-rule-forwards-s3-events", rules, {
    caller: admin,
    action: "events:PutRule",
    resource: x.rule,
    context: { ...requestTags(t.tags), "events:source": ["aws.s3"], "events:detail-type": ["Object Created"] },
  });
  add("admin-rule-all-events-of-source", rules, {
    caller: admin,
    action: "events:PutRule",
    resource: x.rule,
    context: { ...requestTags(t.tags), "events:source": t.drainRuleSource, "events:detail-type": [...t.drainRuleDetailType, "AWS API Call via CloudTrail"] },
  });
  add("admin-rule-targets-other-account", rules, { caller: admin, action: "events:PutTargets", resource: x.rule, context: { "events:TargetArn": [foreign.foreignAccountQueue] } });
  add("admin-rule-targets-two-queues", rules, { caller: admin, action: "events:PutTargets", resource: x.rule, context: { "events:TargetArn": [x.queue, foreign.queue] } });

  const kms = "the admin role lets only EKS use the secrets key, for envelope encryption";
  add("admin-grant-outside-eks", kms, {
    caller: admin,
    action: "kms:CreateGrant",
    resource: t.secretsKeyArn,
    resourcePolicy: w.secretsKeyPolicy,
    context: { "kms:GrantOperations": ["Decrypt"] },
  });
  add("admin-grant-that-grants", kms, {
    caller: admin,
    action: "kms:CreateGrant",
    resource: t.secretsKeyArn,
    resourcePolicy: w.secretsKeyPolicy,
    context: { "kms:ViaService": `eks.${r}.amazonaws.com`, "kms:GrantOperations": ["Decrypt", "CreateGrant"] },
  });
  guard("admin-decrypt-with-key", kms, { caller: admin, action: "kms:Decrypt", resource: t.secretsKeyArn, resourcePolicy: w.secretsKeyPolicy });
  guard("admin-delete-key", kms, { caller: admin, action: "kms:ScheduleKeyDeletion", resource: t.secretsKeyArn, resourcePolicy: w.secretsKeyPolicy });

  const tags = "owner, autoscaler and drain tags are written only by create calls";
  add("admin-hand-security-group-to-other-cluster", tags, {
    caller: admin,
    action: "ec2:CreateTags",
    resource: x.securityGroup,
    context: { ...ownedBy(c, "ec2"), ...requestTags({ [OWNER_TAG_KEY]: FOREIGN }), "ec2:Vpc": x.vpc },
  });
  add("admin-drop-owner-tag", tags, {
    caller: admin,
    action: "ec2:DeleteTags",
    resource: x.launchTemplate,
    context: { ...ownedBy(c, "ec2"), "aws:TagKeys": [OWNER_TAG_KEY] },
  });
  add("admin-group-to-other-autoscaler", tags, {
    caller: admin,
    action: "autoscaling:CreateOrUpdateTags",
    resource: x.autoScalingGroup,
    context: { ...ownedBy(c, "autoscaling"), ...requestTags({ [names.autoscalerClusterTag(FOREIGN)]: "owned" }) },
  });
  add("admin-group-to-other-drainer", tags, {
    caller: admin,
    action: "autoscaling:CreateOrUpdateTags",
    resource: x.autoScalingGroup,
    context: { ...ownedBy(c, "autoscaling"), ...requestTags({ [names.drainTag(FOREIGN)]: "true" }) },
  });
  guard("admin-claim-foreign-group", tags, {
    caller: admin,
    action: "autoscaling:CreateOrUpdateTags",
    resource: foreign.autoScalingGroup,
    context: { ...ownedBy(FOREIGN, "autoscaling"), ...requestTags({ [OWNER_TAG_KEY]: c }) },
  });
  guard("admin-cluster-for-other-owner", "eks:CreateCluster only with this cluster's owner tag", {
    caller: admin,
    action: "eks:CreateCluster",
    resource: "*",
    context: requestTags({ ...t.tags, [OWNER_TAG_KEY]: FOREIGN }),
  });
  guard("admin-reads-other-cluster", "EKS actions on this cluster only", { caller: admin, action: "eks:DescribeCluster", resource: foreign.cluster });
  guard("admin-associates-role-in-other-cluster", "EKS actions on this cluster only", {
    caller: admin,
    action: "eks:CreatePodIdentityAssociation",
    resource: foreign.cluster,
  });
  guard("admin-terminates-foreign-instance", "the admin role changes only what it owns", {
    caller: admin,
    action: "ec2:TerminateInstances",
    resource: foreign.instance,
    context: ownedBy(FOREIGN, "ec2"),
  });
  guard("admin-reads-arbitrary-parameter", "the admin role reads only the EKS AMI parameters", {
    caller: admin,
    action: "ssm:GetParameter",
    resource: `arn:aws:ssm:${r}:${a}:parameter/prod/database/password`,
  });

  // 6. The drain queue accepts only its rules, and is read only by the drainer.
  const queue = "the drain queue takes messages only from this cluster's rules, and only the drainer reads it";
  add("admin-forges-drain-event", queue, { caller: admin, action: "sqs:SendMessage", resource: x.queue, resourcePolicy: w.drainQueuePolicy });
  add("admin-reads-drain-queue", queue, { caller: admin, action: "sqs:ReceiveMessage", resource: x.queue, resourcePolicy: w.drainQueuePolicy });
  add("other-principal-forges-drain-event", queue, {
    caller: otherRole(a, { Action: "sqs:*", Resource: "*" }),
    action: "sqs:SendMessage",
    resource: x.queue,
    resourcePolicy: w.drainQueuePolicy,
  });
  add("other-principal-steals-drain-events", queue, {
    caller: otherRole(a, { Action: "sqs:*", Resource: "*" }),
    action: "sqs:ReceiveMessage",
    resource: x.queue,
    resourcePolicy: w.drainQueuePolicy,
  });
  add("other-principal-deletes-drain-events", queue, {
    caller: otherRole(a, { Action: "sqs:*", Resource: "*" }),
    action: "sqs:DeleteMessage",
    resource: x.queue,
    resourcePolicy: w.drainQueuePolicy,
  });
  guard("other-rule-sends-to-drain-queue", queue, {
    caller: { service: "events.amazonaws.com" },
    action: "sqs:SendMessage",
    resource: x.queue,
    context: { "aws:SourceArn": `arn:aws:events:${r}:${a}:rule/${FOREIGN}-anything`, "aws:SourceAccount": a, "aws:SecureTransport": "true" },
    resourcePolicy: w.drainQueuePolicy,
  });

  // The drain alarms: only this cluster's, and they may only notify the configured topic. An alarm
  // action can also stop or terminate instances or run a scaling policy.
  const alarms = "the drain alarms are this cluster's only, and notify only the configured topic";
  const alarmContext = (actions: string[]): Context => ({ ...requestTags(t.tags), "cloudwatch:AlarmActions": actions });
  guard("admin-puts-other-alarm", alarms, {
    caller: admin,
    action: "cloudwatch:PutMetricAlarm",
    resource: `arn:aws:cloudwatch:${r}:${a}:alarm:${FOREIGN}-node-drain-dead-letter`,
    context: alarmContext(t.alarmActions),
  });
  guard("admin-alarm-terminates-instances", alarms, {
    caller: admin,
    action: "cloudwatch:PutMetricAlarm",
    resource: t.drainAlarmArn,
    context: alarmContext([`arn:aws:automate:${r}:ec2:terminate`]),
  });
  guard("admin-alarm-notifies-other-topic", alarms, {
    caller: admin,
    action: "cloudwatch:PutMetricAlarm",
    resource: t.drainAlarmArn,
    context: alarmContext([...t.alarmActions, `arn:aws:sns:${r}:999988887777:exfiltrate`]),
  });
  guard("admin-creates-other-topic", alarms, { caller: admin, action: "sns:CreateTopic", resource: `arn:aws:sns:${r}:${a}:${FOREIGN}-node-drain-alarms`, context: requestTags(t.tags) });

  // Nodes: the worker policy and ECR pull, nothing of the network or of volumes.
  for (const [pool, node] of Object.entries(w.nodes)) {
    const nodePromise = "a node (and so a hostNetwork pod) holds no network-interface or volume permission";
    add(`node-${pool}-creates-interface`, nodePromise, { caller: as(node), action: "ec2:CreateNetworkInterface", resource: x.subnet, context: vpcIs(x.vpc) });
    add(`node-${pool}-detaches-foreign-interface`, nodePromise, { caller: as(node), action: "ec2:DetachNetworkInterface", resource: foreign.instance, context: ownedBy(FOREIGN, "ec2") });
    add(`node-${pool}-takes-addresses`, nodePromise, { caller: as(node), action: "ec2:AssignPrivateIpAddresses", resource: foreign.eni, context: ownedBy(FOREIGN, "ec2") });
    guard(`node-${pool}-attaches-volume`, nodePromise, { caller: as(node), action: "ec2:AttachVolume", resource: foreign.volume, context: ownedBy(FOREIGN, "ec2") });
    guard(`node-${pool}-snapshots-volume`, nodePromise, { caller: as(node), action: "ec2:CreateSnapshot", resource: foreign.volume, context: ownedBy(FOREIGN, "ec2") });
    if (w.env.drainer.identity === "pod-identity") {
      guard(`node-${pool}-reads-drain-queue`, "with Pod Identity, nodes do not hold the drainer's permissions", {
        caller: as(node),
        action: "sqs:ReceiveMessage",
        resource: x.queue,
        resourcePolicy: w.drainQueuePolicy,
      });
    }
    guard(`node-${pool}-assumes-admin`, "no role of the cluster reaches the admin role", { caller: as(node), action: "sts:AssumeRole", resource: w.admin.arn, resourcePolicy: w.admin.trust });
  }

  // Workloads: each acts on this cluster's resources only.
  const workload = "no workload role acts on another cluster's volumes, interfaces, queue, groups or records";
  const wl = w.workloads;
  if (wl["vpc-cni"]) {
    const cni = as(wl["vpc-cni"]);
    add("vpc-cni-detaches-foreign-interface", workload, { caller: cni, action: "ec2:DetachNetworkInterface", resource: foreign.eni, context: ownedBy(FOREIGN, "ec2") });
    add("vpc-cni-deletes-foreign-interface", workload, { caller: cni, action: "ec2:DeleteNetworkInterface", resource: foreign.eni, context: ownedBy(FOREIGN, "ec2") });
    add("vpc-cni-interface-in-other-vpc", workload, { caller: cni, action: "ec2:CreateNetworkInterface", resource: foreign.subnet, context: vpcIs(foreign.vpc) });
    add("vpc-cni-claims-foreign-interface", workload, {
      caller: cni,
      action: "ec2:CreateTags",
      resource: foreign.eni,
      context: { ...ownedBy(FOREIGN, "ec2"), ...requestTags({ [OWNER_TAG_KEY]: c }) },
    });
    add("vpc-cni-attaches-to-foreign-instance", workload, { caller: cni, action: "ec2:AttachNetworkInterface", resource: foreign.instance, context: ownedBy(FOREIGN, "ec2") });
  }
  if (wl["ebs-csi-driver"]) {
    const ebs = as(wl["ebs-csi-driver"]);
    add("ebs-csi-attaches-foreign-volume", workload, { caller: ebs, action: "ec2:AttachVolume", resource: foreign.volume, context: ownedBy(FOREIGN, "ec2") });
    add("ebs-csi-snapshots-foreign-volume", workload, { caller: ebs, action: "ec2:CreateSnapshot", resource: foreign.volume, context: ownedBy(FOREIGN, "ec2") });
    guard("ebs-csi-deletes-foreign-volume", workload, { caller: ebs, action: "ec2:DeleteVolume", resource: foreign.volume, context: ownedBy(FOREIGN, "ec2") });
    guard("ebs-csi-untagged-volume", workload, { caller: ebs, action: "ec2:CreateVolume", resource: x.volume, context: requestTags({ Name: "unowned" }) });
    add("ebs-csi-attaches-to-foreign-instance", workload, { caller: ebs, action: "ec2:AttachVolume", resource: foreign.instance, context: ownedBy(FOREIGN, "ec2") });
  }
  if (wl.drainer) {
    const drainer = as(wl.drainer);
    guard("drainer-reads-foreign-queue", workload, { caller: drainer, action: "sqs:ReceiveMessage", resource: foreign.queue });
    guard("drainer-forges-drain-event", queue, { caller: drainer, action: "sqs:SendMessage", resource: x.queue, resourcePolicy: w.drainQueuePolicy });
    guard("drainer-completes-foreign-lifecycle", workload, {
      caller: drainer,
      action: "autoscaling:CompleteLifecycleAction",
      resource: foreign.autoScalingGroup,
      context: { [`autoscaling:ResourceTag/${names.drainTag(FOREIGN)}`]: "true" },
    });
  }
  if (wl["cluster-autoscaler"]) {
    const ca = as(wl["cluster-autoscaler"]);
    guard("autoscaler-scales-foreign-group", workload, {
      caller: ca,
      action: "autoscaling:SetDesiredCapacity",
      resource: foreign.autoScalingGroup,
      context: { [`aws:ResourceTag/${names.autoscalerClusterTag(FOREIGN)}`]: "owned", [`autoscaling:ResourceTag/${names.autoscalerClusterTag(FOREIGN)}`]: "owned" },
    });
    guard("autoscaler-terminates-in-foreign-group", workload, {
      caller: ca,
      action: "autoscaling:TerminateInstanceInAutoScalingGroup",
      resource: foreign.autoScalingGroup,
      context: { [`aws:ResourceTag/${names.autoscalerClusterTag(FOREIGN)}`]: "owned", [`autoscaling:ResourceTag/${names.autoscalerClusterTag(FOREIGN)}`]: "owned" },
    });
  }
  for (const dns of ["external-dns", "cert-manager"]) {
    if (!wl[dns]) continue;
    guard(`${dns}-writes-foreign-zone`, workload, { caller: as(wl[dns]), action: "route53:ChangeResourceRecordSets", resource: foreign.zone });
  }

  // Trust: a workload role is one service account of one cluster.
  const trust = "a workload role is assumable only by EKS Pod Identity, for one service account of this cluster";
  const [component, role] = Object.entries(wl)[0];
  const sa = (cluster: string, namespace: string, account: string): Context => ({
    "aws:RequestTag/eks-cluster-arn": cluster,
    "aws:RequestTag/kubernetes-namespace": namespace,
    "aws:RequestTag/kubernetes-service-account": account,
  });
  const own = role.trust.Statement[0].Condition!.StringEquals as Record<string, string>;
  const ns = own["aws:RequestTag/kubernetes-namespace"];
  const name = own["aws:RequestTag/kubernetes-service-account"];
  const podIdentity = { service: "pods.eks.amazonaws.com" };
  guard(`trust-${component}-from-other-cluster`, trust, { caller: podIdentity, action: "sts:AssumeRole", resource: role.arn, resourcePolicy: role.trust, context: sa(foreign.cluster, ns, name) });
  guard(`trust-${component}-from-other-service-account`, trust, { caller: podIdentity, action: "sts:AssumeRole", resource: role.arn, resourcePolicy: role.trust, context: sa(x.cluster, ns, "default") });
  guard(`trust-${component}-from-other-namespace`, trust, { caller: podIdentity, action: "sts:AssumeRole", resource: role.arn, resourcePolicy: role.trust, context: sa(x.cluster, "attacker", name) });
  guard(`trust-${component}-from-ec2`, trust, { caller: { service: "ec2.amazonaws.com" }, action: "sts:AssumeRole", resource: role.arn, resourcePolicy: role.trust });
  guard(`trust-${component}-from-account-principal`, trust, {
    caller: otherRole(a, { Action: "sts:AssumeRole", Resource: "*" }),
    action: "sts:AssumeRole",
    resource: role.arn,
    resourcePolicy: role.trust,
  });
  guard("trust-admin-without-mfa", "people assume the admin role only with MFA", {
    caller: otherRole(a, { Action: "sts:AssumeRole", Resource: "*" }),
    action: "sts:AssumeRole",
    resource: w.admin.arn,
    resourcePolicy: w.admin.trust,
  });
  return cases;
}
