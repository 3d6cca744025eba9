package io.snaptastic.sandbox;

/** One EC2 action: reads its parameters, changes the store, answers an XML document. */
@FunctionalInterface
interface QueryAction {

    /**
     * @throws Ec2Error for every answer that is an EC2 error
     */
    String handle(QueryParams params, String requestId);
}
