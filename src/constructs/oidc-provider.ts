/** The cluster's IAM OIDC provider, so service accounts can assume IAM roles (IRSA). */
import { Construct } from "constructs";
import { Fn, TerraformLocal } from "cdktf";
import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";

export interface OidcProviderProps {
  /** The cluster's OIDC issuer URL (https://oidc.eks.<region>.amazonaws.com/id/<id>). */
  issuerUrl: string;
}

export class OidcProvider extends Construct {
  readonly provider: IamOpenidConnectProvider;
  /** The issuer without its scheme: the prefix of the `:sub` and `:aud` condition keys. */
  readonly issuerHost: string;

  constructor(scope: Construct, id: string, props: OidcProviderProps) {
    super(scope, id);
    // No thumbprint: IAM trusts the EKS issuer through its own root CAs (provider >= 5.81 makes it optional).
    this.provider = new IamOpenidConnectProvider(this, "provider", {
      url: props.issuerUrl,
      clientIdList: ["sts.amazonaws.com"],
    });
    // A local, so trust policies read `${local.oidc_issuer_host}:sub` (valid JSON as synthesized).
    this.issuerHost = new TerraformLocal(this, "issuer-host", Fn.replace(props.issuerUrl, "https://", "")).asString;
  }

  get arn(): string {
    return this.provider.arn;
  }
}
