<!-- Lightning Out dependency app: lets the adapter page create the softphone panel component. -->
<aura:application access="GLOBAL" extends="ltng:outApp">
    <aura:dependency resource="c:softphone" />
</aura:application>
