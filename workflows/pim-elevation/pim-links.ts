/** Where approvers decide PIM requests for Entra roles (the "Approve requests" blade). */
export const PIM_APPROVAL_URL = 'https://portal.azure.com/#view/Microsoft_Azure_PIMCommon/ApproveRequestMenuBlade/~/aadmigratedroles';
