/**
 * A pool's launch template: IMDSv2 only, encrypted root volume, no SSH key, detailed monitoring,
 * and tags on everything an instance creates. Its name is fixed, so a new AMI or new user-data is
 * a new version of the same template (the Auto Scaling Group follows `latest_version`), never a
 * replacement.
 */
import { Construct } from "constructs";
import { Fn, TerraformLocal } from "cdktf";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import type { WorkerPool } from "../../config/worker-pool";

export interface NodeLaunchTemplateProps {
  name: string;
  imageId: string;
  /** Rendered user-data (a Terraform template string); base64-encoded here. */
  userData: string;
  securityGroupIds: string[];
  instanceProfileArn: string;
  amiFamily: WorkerPool["amiFamily"];
  rootVolume: WorkerPool["rootVolume"];
  /** IMDSv2 hop limit; 1 keeps pods (one hop further) away from the node's credentials. */
  metadataHopLimit: number;
  /** Tags for the instances launched from the template. */
  instanceTags: Record<string, string>;
  /** Tags for their volumes and network interfaces. */
  attachmentTags: Record<string, string>;
}

export class NodeLaunchTemplate extends Construct {
  readonly template: LaunchTemplate;

  constructor(scope: Construct, id: string, props: NodeLaunchTemplateProps) {
    super(scope, id);
    const v = props.rootVolume;
    const ebs = {
      volumeSize: v.sizeGiB,
      volumeType: v.type,
      encrypted: "true",
      deleteOnTermination: "true",
      ...(v.iops !== undefined ? { iops: v.iops } : {}),
      ...(v.throughput !== undefined ? { throughput: v.throughput } : {}),
      ...(v.kmsKeyArn ? { kmsKeyId: v.kmsKeyArn } : {}),
    };
    // Bottlerocket keeps its OS on a small volume and containers on the second one, which gets the size.
    const blockDeviceMappings =
      props.amiFamily === "bottlerocket"
        ? [
            { deviceName: "/dev/xvda", ebs: { volumeSize: 4, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true", ...(v.kmsKeyArn ? { kmsKeyId: v.kmsKeyArn } : {}) } },
            { deviceName: "/dev/xvdb", ebs },
          ]
        : [{ deviceName: "/dev/xvda", ebs }];

    // A local, not an argument of base64encode(): it keeps the document readable in the
    // generated JSON, and Terraform renders it as a template where only references interpolate.
    const userData = new TerraformLocal(this, "user-data", props.userData);

    this.template = new LaunchTemplate(this, "template", {
      name: props.name,
      description: `Nodes of ${props.name}`,
      imageId: props.imageId,
      userData: Fn.base64encode(userData.asString),
      updateDefaultVersion: true,
      vpcSecurityGroupIds: props.securityGroupIds,
      iamInstanceProfile: { arn: props.instanceProfileArn },
      metadataOptions: {
        httpEndpoint: "enabled",
        httpTokens: "required",
        httpPutResponseHopLimit: props.metadataHopLimit,
        instanceMetadataTags: "disabled",
      },
      monitoring: { enabled: true },
      blockDeviceMappings,
      tagSpecifications: [
        { resourceType: "instance", tags: props.instanceTags },
        { resourceType: "volume", tags: props.attachmentTags },
        { resourceType: "network-interface", tags: props.attachmentTags },
      ],
    });
  }
}
