/**
 * What each mocked apply must prove, as Terraform expressions over the applied state. These check
 * computed results (values that flow from one resource or stack into another), not the config
 * literals the snapshot already pins.
 */
import { adminRoleName } from "../../src/naming/names";
import type { Environment } from "../../src/config/environment";
import type { StackJson } from "../support/reference";
import { SERVICE_ACCOUNTS } from "../../src/config/service-accounts";
import { MOCK_ADDON_VERSION, MOCK_AMI_ID, mockCluster, mockKeyArn, mockNetwork } from "./aws-mocks";
import { hcl, type Assertion } from "./hcl";

/** Terraform address of the one resource of `type` matching `where`. */
export function address(stack: StackJson, type: string, where: (r: Record<string, unknown>) => boolean = () => true): string {
  const names = Object.entries(stack.resource?.[type] ?? {})
    .filter(([, r]) => where(r))
    .map(([n]) => n);
  if (names.length !== 1) throw new Error(`expected one ${type} matching, found ${names.length}`);
  return `${type}.${names[0]}`;
}

/** HCL list of every resource of `type` in the stack: Terraform has no "all resources of a type" expression. */
export function allOf(stack: StackJson, type: string): string {
  return `[${Object.keys(stack.resource?.[type] ?? {}).map((n) => `${type}.${n}`).join(", ")}]`;
}

export function accessAssertions(env: Environment, stack: StackJson): Assertion[] {
  const role = "aws_iam_role.eks_admin_role";
  const groupPolicy = address(stack, "aws_iam_group_policy");
  const trust = `jsondecode(${role}.assume_role_policy).Statement`;
  const list: Assertion[] = [
    { condition: `${role}.name == ${hcl(adminRoleName(env))}`, message: "admin role name" },
    {
      condition: `jsondecode(${groupPolicy}.policy).Statement[0].Resource == ${role}.arn && jsondecode(${groupPolicy}.policy).Statement[0].Action == "sts:AssumeRole"`,
      message: "the group may assume exactly the admin role",
    },
    {
      condition: `output.kubeconfig_command == "aws eks update-kubeconfig --region ${env.region} --name ${env.cluster.name} --role-arn \${${role}.arn} --alias ${env.cluster.name}"`,
      message: "kubeconfig command names the applied role",
    },
    { condition: `output.admin_role_arn == ${role}.arn`, message: "role ARN output" },
    {
      condition: `length([for a in ${allOf(stack, "aws_iam_role_policy_attachment")} : a if a.role == ${role}.name]) == 5`,
      message: "the admin role carries its five permission policies",
    },
  ];
  if (env.adminRole.requireMfa) {
    list.push({ condition: `${trust}[0].Condition.Bool["aws:MultiFactorAuthPresent"] == "true"`, message: "assuming the admin role requires MFA" });
  }
  const reader = "aws_iam_role.reader_role";
  list.push(
    { condition: `output.reader_role_arn == ${reader}.arn`, message: "reader role ARN output" },
    { condition: `jsondecode(${groupPolicy}.policy).Statement[1].Resource == ${reader}.arn`, message: "the group may also assume the reader role" },
    {
      condition: `length([for a in ${allOf(stack, "aws_iam_role_policy_attachment")} : a if a.role == ${reader}.name && a.policy_arn == aws_iam_policy.reader_policy.arn]) == 1`,
      message: "the reader role carries its read policy",
    },
  );
  if (env.state.backend === "cloud") {
    const run = (s: string, phase: string) => `aws_iam_role.terraform_cloud_${s}_${phase}_role`;
    const runPolicy = (s: string, phase: string) => `jsondecode(aws_iam_policy.terraform_cloud_${s}_${phase}_policy.policy).Statement[0].Resource`;
    const adminApply = `[for s in ${trust} : s.Principal.AWS if s.Sid == "TerraformCloudApply"][0]`;
    const readerPlan = `[for s in jsondecode(${reader}.assume_role_policy).Statement : s.Principal.AWS if s.Sid == "TerraformCloudPlan"][0]`;
    list.push(
      { condition: `${adminApply} == [${run("cluster", "apply")}.arn, ${run("addons", "apply")}.arn]`, message: "the admin role trusts the applied apply-phase roles" },
      { condition: `${readerPlan} == [${run("cluster", "plan")}.arn, ${run("addons", "plan")}.arn]`, message: "the reader role trusts the applied plan-phase roles" },
    );
    for (const s of ["cluster", "addons"]) {
      list.push(
        { condition: `${runPolicy(s, "plan")} == ${reader}.arn`, message: `${s} plan role may assume the applied reader role` },
        { condition: `${runPolicy(s, "apply")} == ${role}.arn`, message: `${s} apply role may assume the applied admin role` },
      );
      for (const phase of ["plan", "apply"]) {
        const federated = `jsondecode(${run(s, phase)}.assume_role_policy).Statement[0].Principal.Federated`;
        const expected = env.state.createOidcProvider ? "aws_iam_openid_connect_provider.terraform_cloud_oidc_provider.arn" : hcl(`arn:aws:iam::${env.account}:oidc-provider/${env.state.hostname}`);
        list.push({ condition: `${federated} == ${expected}`, message: `${s} ${phase} role trusts the account's OIDC provider for ${env.state.hostname}` });
      }
    }
  }
  if (env.ci.github) {
    const apply = "aws_iam_role.github_apply_role";
    const gh = env.ci.github;
    list.push(
      { condition: `output.github_apply_role_arn == ${apply}.arn && output.github_plan_role_arn == aws_iam_role.github_plan_role.arn`, message: "GitHub role outputs" },
      {
        condition: `anytrue([for s in ${trust} : contains(s.Principal.AWS, ${apply}.arn) if s.Sid == "Automation"])`,
        message: "the admin role trusts the applied GitHub apply role",
      },
      {
        condition: `jsondecode(aws_iam_policy.github_apply_policy.policy).Statement[0].Resource == ${role}.arn`,
        message: "the apply role may assume the applied admin role",
      },
    );
    if (gh.createOidcProvider) {
      list.push({
        condition: `jsondecode(${apply}.assume_role_policy).Statement[0].Principal.Federated == aws_iam_openid_connect_provider.github_oidc_provider.arn && jsondecode(aws_iam_role.github_plan_role.assume_role_policy).Statement[0].Principal.Federated == aws_iam_openid_connect_provider.github_oidc_provider.arn && aws_iam_openid_connect_provider.github_oidc_provider.client_id_list == toset(["sts.amazonaws.com"])`,
        message: "both GitHub roles trust the applied OIDC provider, audience sts.amazonaws.com",
      });
    }
  }
  const key = env.cluster.secretsEncryption.kmsKeyArn ? hcl(env.cluster.secretsEncryption.kmsKeyArn) : "aws_kms_key.secrets_key.arn";
  if (!env.cluster.secretsEncryption.kmsKeyArn) list.push({ condition: `output.secrets_key_arn == aws_kms_key.secrets_key.arn`, message: "secrets key output" });
  list.push(
    { condition: `jsondecode(aws_iam_policy.component_policies_secrets_encryption.policy).Statement[0].Resource == ${key}`, message: "the control plane's key policy names the applied key" },
    {
      condition: `length([for s in jsondecode(aws_iam_policy.admin_policy_cluster.policy).Statement : s if strcontains(jsonencode(s.Action), "kms:")]) > 0 && alltrue([for s in jsondecode(aws_iam_policy.admin_policy_cluster.policy).Statement : s.Resource == ${key} if strcontains(jsonencode(s.Action), "kms:")])`,
      message: "the admin role's KMS statements name the applied key",
    },
    {
      condition: `jsondecode(aws_iam_policy.component_policies_drainer.policy).Statement[0].Resource == ${hcl(`arn:aws:sqs:${env.region}:${env.account}:${env.cluster.name}-node-drain`)}`,
      message: "the drainer's policy names this cluster's queue",
    },
  );
  if (env.addons.nodeTerminationHandler.enabled) {
    const drainerRoles =
      env.drainer.identity === "node"
        ? env.workerPools.filter((p) => p.class === "system").map((p) => `aws_iam_role.pool_${p.name.replace(/[^A-Za-z0-9_]/g, "_")}_node_role_role`)
        : ["aws_iam_role.workload_drainer_role_role"];
    list.push({
      condition: `alltrue([for r in [${drainerRoles.map((r) => `${r}.name`).join(", ")}] : length([for a in ${allOf(stack, "aws_iam_role_policy_attachment")} : a if a.role == r && a.policy_arn == aws_iam_policy.component_policies_drainer.arn]) == 1])`,
      message: "the drainer's identity carries the drainer policy",
    });
  }
  const clusterArn = hcl(`arn:aws:eks:${env.region}:${env.account}:cluster/${env.cluster.name}`);
  const accounts = Object.values(SERVICE_ACCOUNTS).map((a) => hcl(`${a.namespace}/${a.name}`)).join(", ");
  for (const [address, config] of Object.entries(stack.resource?.aws_iam_role ?? {})) {
    if (!address.startsWith("workload_")) continue;
    const trust = `jsondecode(aws_iam_role.${address}.assume_role_policy).Statement[0]`;
    list.push({
      condition: `${trust}.Principal.Service == "pods.eks.amazonaws.com" && ${trust}.Condition.StringEquals["aws:RequestTag/eks-cluster-arn"] == ${clusterArn} && contains([${accounts}], "${"${"}${trust}.Condition.StringEquals["aws:RequestTag/kubernetes-namespace"]}/${"${"}${trust}.Condition.StringEquals["aws:RequestTag/kubernetes-service-account"]}")`,
      message: `${String(config.name)}: only EKS Pod Identity, for one service account of this cluster, may assume it`,
    });
    list.push({
      condition: `output.workload_role_arns[${hcl(address.replace(/^workload_/, "").replace(/_role_role$/, "").replace(/_/g, "-"))}] == aws_iam_role.${address}.arn`,
      message: `${String(config.name)}: published for the cluster stack`,
    });
  }
  for (const pool of env.workerPools) {
    const id = `pool_${pool.name.replace(/[^A-Za-z0-9_]/g, "_")}_node`;
    list.push(
      { condition: `output.node_role_arns[${hcl(pool.name)}] == aws_iam_role.${id}_role_role.arn && output.node_instance_profile_arns[${hcl(pool.name)}] == aws_iam_instance_profile.${id}_instance_profile.arn`, message: `${pool.name}: node role and instance profile published` },
      { condition: `aws_iam_instance_profile.${id}_instance_profile.role == aws_iam_role.${id}_role_role.name`, message: `${pool.name}: the instance profile carries the node role` },
      {
        condition: `length([for a in ${allOf(stack, "aws_iam_role_policy_attachment")} : a if a.role == aws_iam_role.${id}_role_role.name && strcontains(a.policy_arn, "CNI")]) == 0`,
        message: `${pool.name}: no network-interface permissions on the node role`,
      },
    );
  }
  return list;
}

export function clusterAssertions(env: Environment, stack: StackJson): Assertion[] {
  const cluster = "aws_eks_cluster.cluster";
  const mock = mockCluster(env);
  const subnets = env.network.kind === "ids" ? env.network.privateSubnetIds : mockNetwork().privateSubnetIds;
  const adminEntry = address(stack, "aws_eks_access_entry", (r) => String(r.principal_arn).includes("admin_role_arn"));
  const adminArn = `arn:aws:iam::${env.account}:role/${adminRoleName(env)}`;
  return [
    { condition: `output.cluster_endpoint == ${hcl(mock.endpoint)}`, message: "endpoint output carries the cluster's endpoint" },
    { condition: `output.cluster_certificate_authority == ${hcl(mock.certificateAuthority)}`, message: "CA output" },
    { condition: `output.oidc_issuer_url == ${hcl(mock.oidcIssuer)}`, message: "OIDC issuer output" },
    { condition: `toset(${cluster}.vpc_config[0].subnet_ids) == toset(${hcl(subnets)})`, message: "the cluster runs in the configured private subnets" },
    {
      condition: `${cluster}.encryption_config[0].provider[0].key_arn == ${hcl(env.cluster.secretsEncryption.kmsKeyArn ?? mockKeyArn(env))}`,
      message: "secrets encrypted with the key from the access stack's state",
    },
    {
      condition: `${cluster}.role_arn == ${hcl(`arn:aws:iam::${env.account}:role/eks-admin/${env.cluster.name}-cluster`)}`,
      message: "the control plane runs as the access stack's role, read from its state",
    },
    { condition: `${cluster}.vpc_config[0].endpoint_private_access == true && ${cluster}.vpc_config[0].endpoint_public_access == ${env.cluster.endpoint.publicAccess}`, message: "endpoint access" },
    { condition: `${cluster}.access_config[0].authentication_mode == "API" && ${cluster}.access_config[0].bootstrap_cluster_creator_admin_permissions == false`, message: "access entries only, no creator admin" },
    { condition: `${adminEntry}.principal_arn == ${hcl(adminArn)}`, message: "the admin role's access entry uses the ARN from the access stack's state" },
    { condition: `alltrue([for a in ${allOf(stack, "aws_eks_addon")} : a.addon_version != ""])`, message: "every managed add-on has a version" },
    {
      condition: `alltrue([for a in ${allOf(stack, "aws_eks_addon")} : a.addon_version == ${hcl(MOCK_ADDON_VERSION)} if !contains(${hcl(Object.values(env.cluster.managedAddonVersions))}, a.addon_version)])`,
      message: "unpinned add-ons take EKS's default version for the cluster version",
    },
    { condition: `aws_cloudwatch_log_group.eks_logs.kms_key_id == ${cluster}.encryption_config[0].provider[0].key_arn`, message: "control-plane logs encrypted with the cluster key" },
    ...Object.entries(stack.resource?.aws_eks_pod_identity_association ?? {}).map(([name, r]) => ({
      condition: `aws_eks_pod_identity_association.${name}.role_arn == ${hcl(workloadRoleArn(env, String(name).replace(/^pod_identity_/, "").replace(/_/g, "-")))} && aws_eks_pod_identity_association.${name}.service_account == ${hcl(String(r.service_account))}`,
      message: `${name}: the access stack's role, from its state, for exactly one service account`,
    })),
    {
      condition: `[for a in aws_eks_addon.vpc_cni_addon.pod_identity_association : [a.role_arn, a.service_account]] == [[${hcl(workloadRoleArn(env, "vpc-cni"))}, "aws-node"]]`,
      message: "the VPC CNI runs with its own Pod Identity role, not the nodes'",
    },
    {
      condition: `jsondecode(aws_eks_addon.vpc_cni_addon.configuration_values).env.ADDITIONAL_ENI_TAGS == jsonencode({${hcl("eks-terraform/cluster")} = ${hcl(env.cluster.name)}})`,
      message: "interfaces the CNI creates carry the owner tag its role requires",
    },
  ];
}

/** The ARN the access stack gives a workload's role. */
function workloadRoleArn(env: Environment, component: string): string {
  return `arn:aws:iam::${env.account}:role/eks/${env.cluster.name}/${env.cluster.name}-${component}`;
}

const snake = (s: string) => s.replace(/[^A-Za-z0-9_]/g, "_");

/** Launch template, group and hook of every pool: what the mocked apply wired together. */
export function workerPoolAssertions(env: Environment): Assertion[] {
  const mock = mockCluster(env);
  const c = env.cluster.name;
  const list: Assertion[] = [];
  for (const pool of env.workerPools) {
    const id = `pool_${snake(pool.name)}`;
    const lt = `aws_launch_template.${id}_launch_template_template`;
    const asg = `aws_autoscaling_group.${id}_asg`;
    const hook = `aws_autoscaling_lifecycle_hook.${id}_drain_hook`;
    const ud = `base64decode(${lt}.user_data)`;
    const at = (what: string) => `${pool.name}: ${what}`;
    list.push(
      { condition: `strcontains(${ud}, ${hcl(mock.endpoint)}) && strcontains(${ud}, ${hcl(mock.certificateAuthority)})`, message: at("user-data carries the cluster's endpoint and CA") },
      { condition: `strcontains(${ud}, ${hcl(c)})`, message: at("user-data names the cluster") },
    );
    const labels = Object.entries(pool.labels).sort(([a], [b]) => (a < b ? -1 : 1));
    if (pool.amiFamily === "al2023") {
      list.push({ condition: `strcontains(${ud}, ${hcl(`--node-labels=${labels.map(([k, v]) => `${k}=${v}`).join(",")}`)})`, message: at("kubelet gets the pool's labels") });
      if (pool.taints.length > 0) {
        const flag = `--register-with-taints=${pool.taints.map((t) => (t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`)).join(",")}`;
        list.push({ condition: `strcontains(${ud}, ${hcl(flag)})`, message: at("kubelet registers with the pool's taints") });
      }
      for (const script of pool.extraShellScripts) {
        list.push({ condition: `strcontains(${ud}, ${hcl(script.trim())})`, message: at("extra shell scripts survive Terraform's template engine byte for byte") });
      }
    } else {
      for (const [k, v] of labels) list.push({ condition: `strcontains(${ud}, ${hcl(`${JSON.stringify(k)} = ${JSON.stringify(v)}`)})`, message: at(`Bottlerocket gets label ${k}`) });
      for (const t of pool.taints) list.push({ condition: `strcontains(${ud}, ${hcl(`${JSON.stringify(t.key)} = [${JSON.stringify(`${t.value}:${t.effect}`)}]`)})`, message: at(`Bottlerocket gets taint ${t.key}`) });
    }
    const tags = `{ for t in ${asg}.tag : t.key => t.value if t.propagate_at_launch }`;
    const expectedTags: Record<string, string> = {
      [`kubernetes.io/cluster/${c}`]: "owned",
      "k8s.io/cluster-autoscaler/enabled": "true",
      [`k8s.io/cluster-autoscaler/${c}`]: "owned",
      [`aws-node-termination-handler/${c}`]: "true",
      Name: `${c}-${pool.name}`,
      ...Object.fromEntries(labels.map(([k, v]) => [`k8s.io/cluster-autoscaler/node-template/label/${k}`, v])),
      ...Object.fromEntries(pool.taints.map((t) => [`k8s.io/cluster-autoscaler/node-template/taint/${t.key}`, `${t.value}:${t.effect}`])),
    };
    list.push(
      { condition: `${lt}.image_id == ${hcl(pool.amiId ?? MOCK_AMI_ID)}`, message: at(pool.amiId ? "runs the pinned AMI" : "runs the AMI from the EKS-recommended SSM parameter") },
      { condition: `${lt}.metadata_options[0].http_tokens == "required" && ${lt}.metadata_options[0].http_put_response_hop_limit == ${pool.metadataHopLimit}`, message: at("IMDSv2 only, hop limit") },
      { condition: `alltrue([for m in ${lt}.block_device_mappings : m.ebs[0].encrypted == "true"])`, message: at("every volume encrypted") },
      { condition: `${lt}.iam_instance_profile[0].arn == ${hcl(`arn:aws:iam::${env.account}:instance-profile/eks/${c}/${c}-node-${pool.name}`)}`, message: at("nodes get the pool's instance profile, from the access stack's state") },
      {
        condition: `${asg}.mixed_instances_policy[0].launch_template[0].launch_template_specification[0].launch_template_id == ${lt}.id && ${asg}.mixed_instances_policy[0].launch_template[0].launch_template_specification[0].version == tostring(${lt}.latest_version)`,
        message: at("the group follows the template's latest version, so a change rolls out by instance refresh"),
      },
      {
        condition: `${asg}.mixed_instances_policy[0].instances_distribution[0].on_demand_base_capacity == ${pool.onDemandBaseCapacity} && ${asg}.mixed_instances_policy[0].instances_distribution[0].on_demand_percentage_above_base_capacity == ${pool.onDemandPercentageAboveBase} && ${asg}.mixed_instances_policy[0].instances_distribution[0].spot_allocation_strategy == ${hcl(pool.spotAllocationStrategy)}`,
        message: at("instances distribution as configured"),
      },
      { condition: `${asg}.instance_refresh[0].strategy == "Rolling" && ${asg}.instance_refresh[0].preferences[0].min_healthy_percentage == ${pool.instanceRefresh.minHealthyPercentage}`, message: at("rolling instance refresh") },
      { condition: `alltrue([for k, v in ${hcl(expectedTags)} : lookup(${tags}, k, null) == v])`, message: at("discovery, node-template, ownership and drain tags propagate to instances") },
      {
        condition: `${hook}.autoscaling_group_name == ${asg}.name && ${hook}.lifecycle_transition == "autoscaling:EC2_INSTANCE_TERMINATING" && ${hook}.default_result == "CONTINUE" && ${hook}.heartbeat_timeout == ${pool.hookHeartbeatSeconds}`,
        message: at("termination hook on the group, CONTINUE after the heartbeat"),
      },
      { condition: `${hook}.heartbeat_timeout >= ${pool.drainTimeoutSeconds + 60}`, message: at("the hook outlasts the drain") },
      {
        condition: `aws_eks_access_entry.${id}_node_access_entry.type == "EC2_LINUX" && aws_eks_access_entry.${id}_node_access_entry.principal_arn == ${hcl(`arn:aws:iam::${env.account}:role/eks/${c}/${c}-node-${pool.name}`)}`,
        message: at("nodes may join (EC2_LINUX access entry for the node role from the access stack's state)"),
      },
    );
  }
  return list;
}

/** The queue, its rules and the drainer's identity. */
export function drainAssertions(env: Environment, stack: StackJson): Assertion[] {
  const c = env.cluster.name;
  const q = "aws_sqs_queue.node_drain_queue";
  const rules = Object.keys(stack.resource?.aws_cloudwatch_event_rule ?? {}).map((n) => `aws_cloudwatch_event_rule.${n}.arn`);
  const targets = Object.keys(stack.resource?.aws_cloudwatch_event_target ?? {}).map((n) => `aws_cloudwatch_event_target.${n}`);
  const list: Assertion[] = [
    { condition: `${q}.arn == ${hcl(`arn:aws:sqs:${env.region}:${env.account}:${c}-node-drain`)}`, message: "the drain queue" },
    { condition: `jsondecode(${q}.redrive_policy).deadLetterTargetArn == aws_sqs_queue.drain_dead_letter.arn`, message: "failed messages go to the dead-letter queue" },
    {
      condition: `toset(jsondecode(aws_sqs_queue_policy.drain_policy.policy).Statement[0].Condition.ArnEquals["aws:SourceArn"]) == toset([${rules.join(", ")}])`,
      message: "only this cluster's EventBridge rules may send",
    },
    { condition: `alltrue([for t in [${targets.join(", ")}] : t.arn == ${q}.arn])`, message: "every rule targets the drain queue" },
    {
      condition: `jsonencode(jsondecode(aws_cloudwatch_event_rule.drain_rule_asg_lifecycle.event_pattern).detail.AutoScalingGroupName) == jsonencode(${hcl(env.workerPools.map((p) => `${c}-${p.name}`).sort())})`,
      message: "lifecycle events only from this cluster's groups",
    },
    { condition: `output.drain_queue_url == ${q}.url`, message: "queue URL output" },
    {
      condition: `aws_cloudwatch_metric_alarm.drain_alarms_dead_letter.dimensions.QueueName == aws_sqs_queue.drain_dead_letter.name && aws_cloudwatch_metric_alarm.drain_alarms_oldest_message.dimensions.QueueName == ${q}.name`,
      message: "the alarms watch the applied queues",
    },
  ];
  const topic = env.drainer.alarmTopic;
  const actions = topic === "create" ? "[aws_sns_topic.drain_alarms_topic.arn]" : topic === "none" ? "" : hcl([topic.arn]);
  list.push({
    condition: actions
      ? `alltrue([for a in ${allOf(stack, "aws_cloudwatch_metric_alarm")} : toset(a.alarm_actions) == toset(${actions}) && toset(a.ok_actions) == toset(${actions})])`
      : `alltrue([for a in ${allOf(stack, "aws_cloudwatch_metric_alarm")} : try(length(a.alarm_actions), 0) == 0 && try(length(a.ok_actions), 0) == 0])`,
    message: actions ? "the alarms notify the configured topic" : "the alarms notify nothing",
  });
  if (topic === "create") list.push({ condition: "output.drain_alarm_topic_arn == aws_sns_topic.drain_alarms_topic.arn", message: "alarm topic output" });
  const consumers = env.drainer.identity === "node" ? env.workerPools.filter((p) => p.class === "system").map((p) => `arn:aws:iam::${env.account}:role/eks/${c}/${c}-node-${p.name}`) : [workloadRoleArn(env, "drainer")];
  list.push({
    condition: `toset([for s in jsondecode(aws_sqs_queue_policy.drain_policy.policy).Statement : s.Condition.ArnNotEquals["aws:PrincipalArn"] if s.Sid == "OnlyTheDrainerReceives"][0]) == toset(${hcl(consumers)})`,
    message: "only the drainer's identity may receive from the queue",
  });
  return list;
}

export function edgeAssertions(env: Environment, stack: StackJson): Assertion[] {
  const edgePool = env.workerPools.find((p) => p.class === "edge");
  if (!env.edge || !edgePool) return [];
  const groups = Object.keys(stack.resource?.aws_lb_target_group ?? {}).map((n) => `aws_lb_target_group.${n}.arn`);
  const publicSubnets = env.network.kind === "ids" ? env.network.publicSubnetIds! : mockNetwork().publicSubnetIds;
  return [
    { condition: `toset(aws_autoscaling_group.pool_${snake(edgePool.name)}_asg.target_group_arns) == toset([${groups.join(", ")}])`, message: "edge nodes register in every target group" },
    { condition: `toset(aws_lb.edge_nlb.subnets) == toset(${hcl(publicSubnets)})`, message: "the edge load balancer lives in the public subnets" },
    { condition: `output.edge_load_balancer_dns_name == aws_lb.edge_nlb.dns_name`, message: "edge DNS name output" },
    {
      condition: `alltrue([for g in ${allOf(stack, "aws_lb_target_group")} : g.health_check[0].protocol == "HTTP" && g.health_check[0].path == "/ping" && g.health_check[0].port == ${hcl(String(env.edge.healthCheckPort))}])`,
      message: "targets are health-checked over HTTP on Traefik's ping port",
    },
    {
      condition: `length([for r in ${allOf(stack, "aws_vpc_security_group_ingress_rule")} : r if r.security_group_id == aws_security_group.edge_node_security_group.id && r.referenced_security_group_id == aws_security_group.edge_lb_security_group.id && r.from_port == ${env.edge.healthCheckPort}]) == 1`,
      message: "edge nodes admit the load balancer's health checks",
    },
  ];
}
